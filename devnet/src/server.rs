//! The HTTP side: a small HTTP/1.1 server (keep-alive, `Expect: 100-continue`, chunked
//! request bodies, CORS) on std's TCP. One thread per connection reads requests and
//! hands each body to [`WORKERS`] worker threads, which have the big stack executions
//! need. Reads share the chain's lock (and run calls on detached views without it),
//! writes take it one call at a time, so a read waits for at most one write, never for a
//! batch.
//!
//! (tiny_http 0.12 served here before: its connection thread pool can leave a new
//! connection unserved while the pool's threads hold other keep-alive connections, a
//! request waiting for up to a minute with 20 clients.)

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpListener, TcpStream},
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        mpsc, Arc, Mutex, RwLock,
    },
    thread,
    time::Duration,
};

use crate::{chain::Chain, error::RpcError, rpc};

/// Threads executing requests.
pub const WORKERS: usize = 8;
/// Connections served at once; more are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 1024;
/// An idle keep-alive connection is closed after this long.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(120);
/// Largest request head (request line and headers).
const MAX_HEAD: usize = 64 * 1024;

/// A request body for the workers, with where to send the answer.
type Job = (Vec<u8>, mpsc::SyncSender<Option<String>>);

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

    /// Stops accepting and stops the workers (open connections end with their next
    /// request).
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

/// Binds `host:port` (port 0 = ephemeral) and serves.
pub fn spawn(chain: Arc<RwLock<Chain>>, host: &str, port: u16) -> Result<Running, String> {
    let listener =
        TcpListener::bind((host, port)).map_err(|e| format!("cannot bind {host}:{port}: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("no local address: {e}"))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot serve on {addr}: {e}"))?;
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    let mut threads = (0..WORKERS)
        .map(|i| {
            let (c, s, rx) = (chain.clone(), stop.clone(), rx.clone());
            thread::Builder::new()
                .name(format!("devnet-worker-{i}"))
                .stack_size(crate::chain::EXEC_STACK)
                .spawn(move || {
                    crate::calls::ON_BIG_STACK.with(|b| b.set(true));
                    work(&rx, &c, &s)
                })
                .map_err(|e| format!("cannot start a server thread: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let s = stop.clone();
    threads.push(
        thread::Builder::new()
            .name("devnet-accept".into())
            .spawn(move || accept(&listener, &tx, &s))
            .map_err(|e| format!("cannot start a server thread: {e}"))?,
    );
    Ok(Running {
        addr,
        chain,
        stop,
        threads,
    })
}

fn work(rx: &Mutex<mpsc::Receiver<Job>>, chain: &RwLock<Chain>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        let job = {
            let rx = rx.lock().unwrap_or_else(|p| p.into_inner());
            rx.recv_timeout(Duration::from_millis(100))
        };
        match job {
            Ok((body, reply)) => {
                let _ = reply.send(execute(chain, &body));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
    }
}

fn accept(listener: &TcpListener, jobs: &mpsc::Sender<Job>, stop: &AtomicBool) {
    let open = Arc::new(AtomicUsize::new(0));
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_nodelay(true);
                let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
                if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                    let mut s = stream;
                    let _ = write_response(&mut s, 503, "", false);
                    continue;
                }
                open.fetch_add(1, Ordering::SeqCst);
                let (jobs, open2) = (jobs.clone(), open.clone());
                let spawned = thread::Builder::new()
                    .name("devnet-conn".into())
                    .spawn(move || {
                        connection(stream, &jobs);
                        open2.fetch_sub(1, Ordering::SeqCst);
                    });
                if spawned.is_err() {
                    open.fetch_sub(1, Ordering::SeqCst);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                thread::sleep(Duration::from_millis(5))
            }
            Err(_) => thread::sleep(Duration::from_millis(10)),
        }
    }
}

fn error_body(e: &RpcError) -> String {
    serde_json::json!({ "jsonrpc": "2.0", "id": null, "error": e.to_json() }).to_string()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// One write for the whole response (no Nagle delay between head and body).
fn write_response(s: &mut TcpStream, status: u16, body: &str, keep_alive: bool) -> bool {
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Headers: *\r\n\
         Access-Control-Allow-Methods: POST, GET, OPTIONS\r\nConnection: {}\r\n\r\n",
        reason(status),
        body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    let mut out = head.into_bytes();
    out.extend_from_slice(body.as_bytes());
    s.write_all(&out).and_then(|_| s.flush()).is_ok()
}

struct Head {
    method: String,
    keep_alive: bool,
    content_length: Option<usize>,
    chunked: bool,
    expect_continue: bool,
}

/// Reads a request head; `Err(status)` for a malformed or oversized one, `Ok(None)` at
/// the end of the connection.
fn read_head(r: &mut BufReader<TcpStream>) -> Result<Option<Head>, u16> {
    let mut line = String::new();
    let mut total = 0;
    // Skip blank lines between requests.
    loop {
        line.clear();
        match r.read_line(&mut line) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(n) => total += n,
        }
        if !line.trim().is_empty() {
            break;
        }
        if total > MAX_HEAD {
            return Err(431);
        }
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_ascii_uppercase();
    let _path = parts.next().ok_or(400u16)?;
    let version = parts.next().unwrap_or("HTTP/1.0").to_ascii_uppercase();
    let mut head = Head {
        method,
        keep_alive: version == "HTTP/1.1",
        content_length: None,
        chunked: false,
        expect_continue: false,
    };
    loop {
        let mut h = String::new();
        match r.read_line(&mut h) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(n) => total += n,
        }
        if total > MAX_HEAD {
            return Err(431);
        }
        let h = h.trim_end();
        if h.is_empty() {
            return Ok(Some(head));
        }
        let Some((k, v)) = h.split_once(':') else {
            return Err(400);
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
        match k.as_str() {
            "content-length" => head.content_length = Some(v.parse().map_err(|_| 400u16)?),
            "transfer-encoding" => head.chunked = v.contains("chunked"),
            "connection" => {
                if v.contains("close") {
                    head.keep_alive = false;
                } else if v.contains("keep-alive") {
                    head.keep_alive = true;
                }
            }
            "expect" => head.expect_continue = v.contains("100-continue"),
            _ => {}
        }
    }
}

/// Reads a body of at most `rpc::MAX_BODY` bytes; `Err(status)` otherwise.
fn read_body(r: &mut BufReader<TcpStream>, head: &Head) -> Result<Vec<u8>, u16> {
    let max = rpc::MAX_BODY;
    if head.chunked {
        let mut body = Vec::new();
        loop {
            let mut size = String::new();
            r.read_line(&mut size).map_err(|_| 400u16)?;
            let size = size.split(';').next().unwrap_or("").trim();
            let n = usize::from_str_radix(size, 16).map_err(|_| 400u16)?;
            if body.len() + n > max {
                return Err(413);
            }
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk).map_err(|_| 400u16)?;
            if n == 0 {
                return Ok(body);
            }
            body.extend_from_slice(&chunk[..n]);
        }
    }
    let n = head.content_length.unwrap_or(0);
    if n > max {
        return Err(413);
    }
    let mut body = vec![0; n];
    r.read_exact(&mut body).map_err(|_| 400u16)?;
    Ok(body)
}

fn connection(stream: TcpStream, jobs: &mpsc::Sender<Job>) {
    let Ok(mut w) = stream.try_clone() else {
        return;
    };
    let mut r = BufReader::new(stream);
    loop {
        let head = match read_head(&mut r) {
            Ok(Some(h)) => h,
            Ok(None) => return,
            Err(status) => {
                let e = RpcError::invalid_request("malformed HTTP request");
                write_response(&mut w, status, &error_body(&e), false);
                return;
            }
        };
        match head.method.as_str() {
            "OPTIONS" => {
                let _ = read_body(&mut r, &head);
                if !write_response(&mut w, 204, "", head.keep_alive) || !head.keep_alive {
                    return;
                }
                continue;
            }
            "POST" => {}
            _ => {
                let e = RpcError::invalid_request("JSON-RPC over HTTP POST only");
                write_response(&mut w, 405, &error_body(&e), false);
                return;
            }
        }
        if let Some(n) = head.content_length.filter(|n| *n > rpc::MAX_BODY) {
            // Read what was sent (up to 64 MiB) before answering, so closing does not
            // reset the connection under the client's feet.
            let _ = std::io::copy(
                &mut (&mut r).take(n.min(64 << 20) as u64),
                &mut std::io::sink(),
            );
            let e = RpcError::invalid_request(format!(
                "request too large (limit {} bytes)",
                rpc::MAX_BODY
            ));
            write_response(&mut w, 413, &error_body(&e), false);
            return;
        }
        if head.expect_continue && w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").is_err() {
            return;
        }
        let body = match read_body(&mut r, &head) {
            Ok(b) => b,
            Err(413) => {
                let e = RpcError::invalid_request(format!(
                    "request too large (limit {} bytes)",
                    rpc::MAX_BODY
                ));
                write_response(&mut w, 413, &error_body(&e), false);
                return;
            }
            Err(status) => {
                let e = RpcError::invalid_request("unreadable body");
                write_response(&mut w, status, &error_body(&e), false);
                return;
            }
        };
        let (reply, answer) = mpsc::sync_channel(1);
        if jobs.send((body, reply)).is_err() {
            return;
        }
        let Ok(out) = answer.recv() else { return };
        if !write_response(&mut w, 200, &out.unwrap_or_default(), head.keep_alive)
            || !head.keep_alive
        {
            return;
        }
    }
}

/// Runs one request body against the chain; `None` for an all-notification batch.
fn execute(chain: &RwLock<Chain>, body: &[u8]) -> Option<String> {
    // Execution runs on detached state (see View::run); here a panic only costs this
    // request, never the server.
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rpc::handle_body_shared(chain, body)
    }))
    .unwrap_or_else(|_| {
        Some(serde_json::json!({
            "jsonrpc": "2.0", "id": null,
            "error": RpcError::new(-32603, "internal error").to_json(),
        }))
    });
    if std::env::var_os("ATELIER_DEVNET_TRACE").is_some() {
        let show = |s: &str| s.chars().take(400).collect::<String>();
        eprintln!("-> {}", show(&String::from_utf8_lossy(body)));
        eprintln!(
            "<- {}",
            show(&out.as_ref().map(|v| v.to_string()).unwrap_or_default())
        );
    }
    out.map(|v| v.to_string())
}
