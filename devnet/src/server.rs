//! The HTTP side: tiny_http with [`WORKERS`] threads against the shared chain. Reads
//! share the chain's lock (and run calls on detached views without it), writes take it
//! one call at a time, so a read waits for at most one write, never for a batch.

use std::{
    io::Read,
    net::SocketAddr,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, RwLock,
    },
    thread,
    time::Duration,
};

use tiny_http::{Header, Method, Response, StatusCode};

use crate::{chain::Chain, error::RpcError, rpc};

/// A running server (in-process), stopped on drop.
pub struct Running {
    pub addr: SocketAddr,
    pub chain: Arc<RwLock<Chain>>,
    stop: Arc<AtomicBool>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Threads serving requests.
pub const WORKERS: usize = 8;

/// Binds `host:port` (port 0 = ephemeral) and serves on [`WORKERS`] threads.
pub fn spawn(chain: Arc<RwLock<Chain>>, host: &str, port: u16) -> Result<Running, String> {
    let listener = std::net::TcpListener::bind((host, port))
        .map_err(|e| format!("cannot bind {host}:{port}: {e}"))?;
    no_delay(&listener);
    let server = Arc::new(
        tiny_http::Server::from_listener(listener, None)
            .map_err(|e| format!("cannot serve on {host}:{port}: {e}"))?,
    );
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| "not an IP listener".to_string())?;
    let stop = Arc::new(AtomicBool::new(false));
    let threads = (0..WORKERS)
        .map(|i| {
            let (c, s, srv) = (chain.clone(), stop.clone(), server.clone());
            thread::Builder::new()
                .name(format!("devnet-http-{i}"))
                .spawn(move || serve(&srv, &c, &s))
                .map_err(|e| format!("cannot start a server thread: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Running {
        addr,
        chain,
        stop,
        threads,
    })
}

/// TCP_NODELAY on the listener (Linux hands it to accepted sockets): tiny_http writes a
/// response over 1 KiB in several writes, which Nagle's algorithm would hold for the
/// client's delayed ACK (~40 ms a response).
fn no_delay(listener: &std::net::TcpListener) {
    use std::os::fd::AsRawFd;
    let one: libc::c_int = 1;
    // SAFETY: a valid socket descriptor and a c_int option of the right size.
    unsafe {
        libc::setsockopt(
            listener.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            &one as *const libc::c_int as *const libc::c_void,
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
    }
}

/// Serves until `stop` is set.
pub fn serve(server: &tiny_http::Server, chain: &RwLock<Chain>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match server.recv_timeout(Duration::from_millis(100)) {
            Ok(Some(req)) => handle(req, chain),
            Ok(None) => {}
            Err(_) => thread::sleep(Duration::from_millis(10)),
        }
    }
}

fn header(k: &str, v: &str) -> Header {
    Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("static header")
}

fn respond(req: tiny_http::Request, status: u16, body: String) {
    let resp = Response::from_string(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "application/json"))
        .with_header(header("Access-Control-Allow-Origin", "*"))
        .with_header(header("Access-Control-Allow-Headers", "*"))
        .with_header(header("Access-Control-Allow-Methods", "POST, GET, OPTIONS"));
    let _ = req.respond(resp);
}

fn error_body(e: &RpcError) -> String {
    serde_json::json!({ "jsonrpc": "2.0", "id": null, "error": e.to_json() }).to_string()
}

fn handle(mut req: tiny_http::Request, chain: &RwLock<Chain>) {
    match req.method() {
        Method::Options => return respond(req, 204, String::new()),
        Method::Post => {}
        _ => {
            let e = RpcError::invalid_request("JSON-RPC over HTTP POST only");
            return respond(req, 405, error_body(&e));
        }
    }
    if req.body_length().is_some_and(|n| n > rpc::MAX_BODY) {
        let e =
            RpcError::invalid_request(format!("request too large (limit {} bytes)", rpc::MAX_BODY));
        return respond(req, 413, error_body(&e));
    }
    let mut body = Vec::new();
    if req
        .as_reader()
        .take(rpc::MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .is_err()
    {
        return respond(
            req,
            400,
            error_body(&RpcError::invalid_request("unreadable body")),
        );
    }
    if body.len() > rpc::MAX_BODY {
        let e =
            RpcError::invalid_request(format!("request too large (limit {} bytes)", rpc::MAX_BODY));
        return respond(req, 413, error_body(&e));
    }
    let out = {
        // Execution runs on detached state (see View::run); here a panic only costs this
        // request, never the server.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            rpc::handle_body_shared(chain, &body)
        }))
        .unwrap_or_else(|_| {
            Some(serde_json::json!({
                "jsonrpc": "2.0", "id": null,
                "error": RpcError::new(-32603, "internal error").to_json(),
            }))
        })
    };
    if std::env::var_os("ATELIER_DEVNET_TRACE").is_some() {
        let show = |s: &str| s.chars().take(400).collect::<String>();
        eprintln!("-> {}", show(&String::from_utf8_lossy(&body)));
        eprintln!(
            "<- {}",
            show(&out.as_ref().map(|v| v.to_string()).unwrap_or_default())
        );
    }
    match out {
        Some(v) => respond(req, 200, v.to_string()),
        None => respond(req, 200, String::new()),
    }
}
