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

use alloy_primitives::{Address, Bytes, U256};
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
    const CLIENTS: usize = 20;
    const CALLS: usize = 60;
    let go = Arc::new(std::sync::Barrier::new(CLIENTS + 2));
    let writer = {
        let go = go.clone();
        let addr = addr.clone();
        std::thread::spawn(move || {
            let mut c = Conn::new(&addr);
            let mut n = 0u64;
            let start = c.rpc("eth_getTransactionCount", json!([addr_at(3), "latest"]));
            let mut nonce = u64::from_str_radix(&start.as_str().unwrap()[2..], 16).unwrap();
            go.wait();
            let until = Instant::now() + Duration::from_millis(1500);
            while Instant::now() < until {
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
            let (addr, call, want) = (addr.clone(), call.clone(), want.clone());
            let go = go.clone();
            std::thread::spawn(move || {
                // Connect and make a first request before the measured calls (reported
                // separately: connection set-up).
                let mut c = Conn::new(&addr);
                let t = Instant::now();
                c.rpc("eth_blockNumber", json!([]));
                let first = t.elapsed();
                go.wait();
                let lat = (0..CALLS)
                    .map(|_| {
                        let t = Instant::now();
                        let v = c.post(&call);
                        assert_eq!(v["result"], want, "{v}");
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
    let mined = writer.join().unwrap();
    lat.sort();
    let rate = lat.len() as f64 / wall.as_secs_f64();
    let (p50, p95, p99) = (pct(&lat, 0.50), pct(&lat, 0.95), pct(&lat, 0.99));
    eprintln!(
        "load: {} eth_call (Stylus -> EVM) from {CLIENTS} clients in {:.2} s = {rate:.0}/s; \
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
    assert!(
        *firsts.last().unwrap() < Duration::from_secs(5),
        "{firsts:?}"
    );
    assert!(rate > 50.0, "{rate:.0} calls/s");
    assert!(p99 < Duration::from_secs(2), "p99 {p99:?}");

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

fn addr_at(i: usize) -> Address {
    addr(i)
}
