//! A bounded load test on loopback: 20 clients on keep-alive connections calling a
//! Stylus program that calls an EVM contract (`eth_call`), while transactions are mined;
//! then a 400-call batch with an `eth_blockNumber` timed beside it. Prints the figures;
//! asserts bounds loose enough for a loaded CI machine (the README states the measured
//! numbers and the targets: >= 500 calls/s with 20 clients, p99 < 200 ms on 2 cores).

mod common;

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use std::path::Path;

use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::{sol, SolCall};
use atelier_devnet::{chain::Chain, server, CHAIN_ID};
use common::*;
use serde_json::{json, Value};

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    r: BufReader<TcpStream>,
    w: TcpStream,
    addr: String,
}

impl Conn {
    fn new(addr: &str) -> Self {
        let s = TcpStream::connect(addr).unwrap();
        s.set_nodelay(true).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        Self {
            r: BufReader::new(s.try_clone().unwrap()),
            w: s,
            addr: addr.to_string(),
        }
    }

    fn post(&mut self, body: &str) -> Value {
        let head = format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.addr,
            body.len()
        );
        self.w.write_all(head.as_bytes()).unwrap();
        self.w.write_all(body.as_bytes()).unwrap();
        let (mut len, mut chunked) = (0usize, false);
        loop {
            let mut line = String::new();
            self.r.read_line(&mut line).unwrap();
            let l = line.trim_end().to_ascii_lowercase();
            if l.is_empty() {
                break;
            }
            if let Some(v) = l.strip_prefix("content-length:") {
                len = v.trim().parse().unwrap();
            }
            chunked |= l.starts_with("transfer-encoding:") && l.contains("chunked");
        }
        let mut buf = vec![];
        if chunked {
            loop {
                let mut size = String::new();
                self.r.read_line(&mut size).unwrap();
                let n = usize::from_str_radix(size.trim(), 16).unwrap();
                let mut chunk = vec![0; n + 2];
                self.r.read_exact(&mut chunk).unwrap();
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
        } else {
            buf.resize(len, 0);
            self.r.read_exact(&mut buf).unwrap();
        }
        serde_json::from_slice(&buf).unwrap()
    }

    fn rpc(&mut self, method: &str, params: Value) -> Value {
        let v = self.post(
            &json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params }).to_string(),
        );
        assert!(v.get("error").is_none(), "{method}: {v}");
        v["result"].clone()
    }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

#[test]
fn concurrent_reads_and_a_batch_beside_them() {
    // The contracts: an EVM counter behind a Stylus relay (program -> EVM nesting).
    let mut d = Dev::new();
    let counter = d.deploy_evm(&counter_runtime());
    let relay = d.deploy_wasm(&wat::parse_str(include_str!("programs/relay.wat")).unwrap());
    let chain = Arc::new(RwLock::new(std::mem::replace(
        &mut d.chain,
        Chain::new(CHAIN_ID),
    )));
    let s = server::spawn(chain, "127.0.0.1", 0).unwrap();
    let addr = s.addr.to_string();
    let mut data = vec![1u8];
    data.extend_from_slice(counter.as_slice());
    data.extend_from_slice(&word(5));
    let call = json!({ "jsonrpc": "2.0", "id": 1, "method": "eth_call",
        "params": [{ "from": Address::repeat_byte(1), "to": relay, "data": Bytes::from(data) }, "latest"] })
    .to_string();
    let want = json!(Bytes::from(word(5).to_vec()));
    assert_eq!(Conn::new(&addr).post(&call)["result"], want);

    // 20 clients x 60 calls, one transaction stream beside them.
    let check: Check = Arc::new(move |v| v["result"] == want);
    let f = clients_beside_a_writer(&addr, &call, check, 60, "eth_call (Stylus -> EVM)");
    assert!(
        *f.firsts.last().unwrap() < Duration::from_secs(5),
        "{:?}",
        f.firsts
    );
    assert!(f.rate > 50.0, "{:.0} calls/s", f.rate);
    assert!(f.p99 < Duration::from_secs(2), "p99 {:?}", f.p99);

    // A 400-call batch on one connection; eth_blockNumber beside it does not wait for it.
    let batch: Vec<Value> = (0..400)
        .map(|_| serde_json::from_str(&call).unwrap())
        .collect();
    let batch = Value::Array(batch).to_string();
    let b = {
        let addr = addr.clone();
        std::thread::spawn(move || {
            let t = Instant::now();
            let v = Conn::new(&addr).post(&batch);
            assert_eq!(v.as_array().unwrap().len(), 400);
            t.elapsed()
        })
    };
    std::thread::sleep(Duration::from_millis(30));
    let mut c = Conn::new(&addr);
    let mut worst = Duration::ZERO;
    for _ in 0..10 {
        let t = Instant::now();
        c.rpc("eth_blockNumber", json!([]));
        worst = worst.max(t.elapsed());
    }
    let batch_time = b.join().unwrap();
    eprintln!(
        "batch: 400 eth_call in {:.0} ms; eth_blockNumber beside it: worst of 10 {:.1} ms",
        batch_time.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3
    );
    assert!(
        worst < Duration::from_millis(250),
        "eth_blockNumber waited {worst:?}"
    );
}

/// What [`clients_beside_a_writer`] measured.
struct Figures {
    rate: f64,
    p99: Duration,
    /// Each client's first request on its new connection, sorted.
    firsts: Vec<Duration>,
}

const CLIENTS: usize = 20;

/// Checks one answer (the whole JSON-RPC response).
type Check = Arc<dyn Fn(&Value) -> bool + Send + Sync>;

/// [`CLIENTS`] clients on their own keep-alive connections, `calls` requests `call` each
/// (every answer checked by `check`), while one more client sends transactions
/// (dev account 3, plain transfers) until the clients are done; prints the figures.
fn clients_beside_a_writer(
    addr: &str,
    call: &str,
    check: Check,
    calls: usize,
    what: &str,
) -> Figures {
    let go = Arc::new(std::sync::Barrier::new(CLIENTS + 2));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (go, done) = (go.clone(), done.clone());
        let addr = addr.to_string();
        std::thread::spawn(move || {
            let mut c = Conn::new(&addr);
            let mut n = 0u64;
            let start = c.rpc("eth_getTransactionCount", json!([addr_at(3), "latest"]));
            let mut nonce = u64::from_str_radix(&start.as_str().unwrap()[2..], 16).unwrap();
            go.wait();
            // Until the clients are done (a bound too, should they hang).
            let until = Instant::now() + Duration::from_secs(120);
            while !done.load(std::sync::atomic::Ordering::Relaxed) && Instant::now() < until {
                let raw = raw_1559(
                    3,
                    nonce,
                    Some(Address::repeat_byte(9)),
                    U256::from(1),
                    Default::default(),
                    21_000,
                    CHAIN_ID,
                );
                c.rpc("eth_sendRawTransaction", json!([raw]));
                nonce += 1;
                n += 1;
            }
            n
        })
    };
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (addr, call, check) = (addr.to_string(), call.to_string(), check.clone());
            let go = go.clone();
            std::thread::spawn(move || {
                // Connect and make a first request before the measured calls (reported
                // separately: connection set-up).
                let mut c = Conn::new(&addr);
                let t = Instant::now();
                c.rpc("eth_blockNumber", json!([]));
                let first = t.elapsed();
                go.wait();
                let lat = (0..calls)
                    .map(|_| {
                        let t = Instant::now();
                        let v = c.post(&call);
                        assert!(check(&v), "{v}");
                        t.elapsed()
                    })
                    .collect::<Vec<_>>();
                (first, lat)
            })
        })
        .collect();
    go.wait();
    let t0 = Instant::now();
    let mut firsts = vec![];
    let mut lat: Vec<Duration> = vec![];
    for h in clients {
        let (f, l) = h.join().unwrap();
        firsts.push(f);
        lat.extend(l);
    }
    let wall = t0.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let mined = writer.join().unwrap();
    lat.sort();
    let rate = lat.len() as f64 / wall.as_secs_f64();
    let (p50, p95, p99) = (pct(&lat, 0.50), pct(&lat, 0.95), pct(&lat, 0.99));
    eprintln!(
        "load: {} {what} from {CLIENTS} clients in {:.2} s = {rate:.0}/s; \
         p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {mined} transactions mined meanwhile",
        lat.len(),
        wall.as_secs_f64(),
        p50.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        lat.last().unwrap().as_secs_f64() * 1e3,
    );
    let slow = lat
        .iter()
        .filter(|l| **l > Duration::from_millis(100))
        .count();
    firsts.sort();
    eprintln!(
        "load: {slow} calls over 100 ms; first request on each of the 20 new connections: \
         median {:.1} ms, max {:.1} ms",
        firsts[CLIENTS / 2].as_secs_f64() * 1e3,
        firsts.last().unwrap().as_secs_f64() * 1e3
    );
    Figures { rate, p99, firsts }
}

sol! {
    function initialize(string name, string symbol, address vault, address treasury, address registry, address keeper, uint256 p0, uint256 decay, uint256 target_rate, uint256 sale_start, uint256 premium_min, uint256 premium_max, uint256 premium_max_step, uint256 premium_interval, uint256 max_supply) external;
    function quoteBuy(uint256 shares) external view returns (uint256);
}

/// A heavy real view under the same load: FractionToken's `quoteBuy` (the VRGDA price:
/// fixed-point exp and ln over the sale's position, then a static call for the
/// treasury's sale floor) on the compiled program, deployed in fragments as
/// cargo-stylus deploys it. Skipped without `target/stylus/fraction.wasm`
/// (`scripts/build-wasm`).
#[test]
fn a_heavy_stylus_view_under_load() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/stylus/fraction.wasm");
    let Ok(wasm) = std::fs::read(&path) else {
        eprintln!("SKIPPED: {} not built (scripts/build-wasm)", path.display());
        return;
    };
    let mut d = Dev::new();
    let token = deploy_fragmented(&mut d, &wasm);
    let mut ctor = selector("stylus_constructor()").to_vec();
    ctor.extend_from_slice(&[0u8; 12]);
    ctor.extend_from_slice(addr(0).as_slice());
    assert_eq!(d.send(0, Some(token), U256::ZERO, ctor)["status"], "0x1");
    // The treasury's sale floor, (0, 0), from a stub: `quoteBuy` is the curve's price.
    let treasury = d.deploy_evm(&[0x60, 0x40, 0x60, 0x00, 0xf3]); // RETURN 64 zero bytes
    let wad = |n: u64, e: u32| U256::from(n) * U256::from(10u64).pow(U256::from(e));
    let now = d.chain.head().timestamp;
    let init = initializeCall {
        name: "Atelier Share".into(),
        symbol: "ATLR".into(),
        vault: Address::repeat_byte(0x11),
        treasury,
        registry: Address::repeat_byte(0x22),
        keeper: Address::repeat_byte(0x33),
        p0: wad(1, 16),
        decay: wad(2, 17),
        target_rate: wad(100, 18),
        sale_start: U256::from(now),
        premium_min: wad(5, 17),
        premium_max: wad(2, 18),
        premium_max_step: wad(1, 17),
        premium_interval: U256::from(3600),
        max_supply: wad(1_000_000, 18),
    };
    let r = d.send(0, Some(token), U256::ZERO, init.abi_encode());
    assert_eq!(r["status"], "0x1", "{r}");
    let quote = quoteBuyCall { shares: wad(1, 18) }.abi_encode();
    let call = json!({ "jsonrpc": "2.0", "id": 1, "method": "eth_call",
        "params": [{ "from": Address::repeat_byte(1), "to": token, "data": Bytes::from(quote) }, "latest"] })
    .to_string();
    let chain = Arc::new(RwLock::new(std::mem::replace(
        &mut d.chain,
        Chain::new(CHAIN_ID),
    )));
    let s = server::spawn(chain, "127.0.0.1", 0).unwrap();
    let addr = s.addr.to_string();
    // One call alone first: its time, and the price every loaded call must be near (it
    // moves with the clock, by the second: exact words would differ across a second).
    let t = Instant::now();
    let alone = Conn::new(&addr).post(&call);
    let single = t.elapsed();
    let price = U256::from_str_radix(&alone["result"].as_str().unwrap()[2..], 16).unwrap();
    assert!(
        price > wad(1, 15) && price < wad(1, 17),
        "1 share at {price} wei"
    );
    let est = http_rpc(
        &addr,
        "eth_estimateGas",
        serde_json::from_str::<Value>(&call).unwrap()["params"].clone(),
    );
    eprintln!(
        "heavy: quoteBuy(1 share) = {price} wei, {:.1} ms alone, ~{} gas (eth_estimateGas)",
        single.as_secs_f64() * 1e3,
        U256::from_str_radix(&est["result"].as_str().unwrap_or("0x0")[2..], 16).unwrap_or_default()
    );
    let check: Check = Arc::new(move |v| {
        let got = v["result"]
            .as_str()
            .map(|r| U256::from_str_radix(&r[2..], 16));
        matches!(got, Some(Ok(p)) if p > price * U256::from(99) / U256::from(100)
            && p < price * U256::from(101) / U256::from(100))
    });
    let f = clients_beside_a_writer(&addr, &call, check, 15, "eth_call quoteBuy (VRGDA)");
    assert!(
        *f.firsts.last().unwrap() < Duration::from_secs(5),
        "{:?}",
        f.firsts
    );
    assert!(f.rate > 5.0, "{:.0} calls/s", f.rate);
    assert!(f.p99 < Duration::from_secs(10), "p99 {:?}", f.p99);
}

/// Deploys a program too big for one contract as cargo-stylus 0.10 does: fragments
/// (`0xEFF001` + a piece of the brotli stream) and a root (`0xEFF002`, dictionary,
/// WASM size, fragment addresses); activates the root.
fn deploy_fragmented(d: &mut Dev, wasm: &[u8]) -> Address {
    let code = stylus_code(wasm);
    let stream = &code[4..];
    let mut root = vec![0xEF, 0xF0, 0x02, code[3]];
    root.extend_from_slice(&(wasm.len() as u32).to_be_bytes());
    for piece in stream.chunks(24_576 - 3) {
        let mut frag = vec![0xEF, 0xF0, 0x01];
        frag.extend_from_slice(piece);
        root.extend_from_slice(d.deploy_stylus_code(&frag).as_slice());
    }
    let a = d.deploy_stylus_code(&root);
    assert_eq!(d.activate(a)["status"], "0x1");
    a
}

fn addr_at(i: usize) -> Address {
    addr(i)
}
