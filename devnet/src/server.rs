//! The HTTP side: tiny_http, one request at a time against the shared chain.

use std::{
    io::Read,
    net::SocketAddr,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    thread,
    time::Duration,
};

use tiny_http::{Header, Method, Response, StatusCode};

use crate::{chain::Chain, error::RpcError, rpc};

/// A running server (in-process), stopped on drop.
pub struct Running {
    pub addr: SocketAddr,
    pub chain: Arc<Mutex<Chain>>,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Binds `host:port` (port 0 = ephemeral) and serves on a thread.
pub fn spawn(chain: Arc<Mutex<Chain>>, host: &str, port: u16) -> Result<Running, String> {
    let server = tiny_http::Server::http((host, port))
        .map_err(|e| format!("cannot bind {host}:{port}: {e}"))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| "not an IP listener".to_string())?;
    let stop = Arc::new(AtomicBool::new(false));
    let (c, s) = (chain.clone(), stop.clone());
    let thread = thread::spawn(move || serve(&server, &c, &s));
    Ok(Running {
        addr,
        chain,
        stop,
        thread: Some(thread),
    })
}

/// Serves until `stop` is set.
pub fn serve(server: &tiny_http::Server, chain: &Mutex<Chain>, stop: &AtomicBool) {
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

fn handle(mut req: tiny_http::Request, chain: &Mutex<Chain>) {
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
        let mut guard = match chain.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        // The chain restores its own state on a panic (see Chain::run); here a panic only
        // costs this request, never the server.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            rpc::handle_body(&mut guard, &body)
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
