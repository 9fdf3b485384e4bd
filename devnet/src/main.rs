//! `atelier-devnet`: a local Stylus dev chain (see the crate docs and devnet/README.md).

use std::{
    path::PathBuf,
    process::ExitCode,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex, RwLock,
    },
    thread,
    time::Duration,
};

use atelier_devnet::{accounts, chain::Chain, server, state_file, CHAIN_ID, DEFAULT_PORT};

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

const USAGE: &str =
    "usage: atelier-devnet [--host HOST] [--port PORT] [--state FILE] [--history N] [--chain-id ID]

A local Stylus dev chain: JSON-RPC on revm with Stylus programs run by atelier-host.
  --host HOST     listen address (default 127.0.0.1)
  --port PORT     listen port (default 8547, Nitro's dev port; 0 = any free port)
  --state FILE    load the chain from FILE at start (if it exists) and keep FILE
                  up to date: every block is on disk before its receipt is served
                  (a journal, compacted at start and on Ctrl-C or SIGTERM)
  --history N     keep the state of the last N blocks for reads at past blocks
                  (default 10000)
  --chain-id ID   chain id (default 412346, the Nitro dev node's)";

struct Args {
    host: String,
    port: u16,
    state: Option<PathBuf>,
    history: u64,
    chain_id: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        host: "127.0.0.1".into(),
        port: DEFAULT_PORT,
        state: None,
        history: atelier_devnet::chain::DEFAULT_HISTORY,
        chain_id: CHAIN_ID,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--host" => a.host = val()?,
            "--port" | "-p" => a.port = val()?.parse().map_err(|_| "invalid --port".to_string())?,
            "--state" => a.state = Some(PathBuf::from(val()?)),
            "--history" => {
                a.history = val()?
                    .parse()
                    .map_err(|_| "invalid --history".to_string())?
            }
            "--chain-id" => {
                a.chain_id = val()?
                    .parse()
                    .map_err(|_| "invalid --chain-id".to_string())?
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let chain = match args.state.as_deref().map(state_file::load).transpose() {
        Ok(Some(Some(c))) => {
            println!(
                "Loaded state from {} (block {})",
                args.state.as_ref().unwrap().display(),
                c.head().number
            );
            c
        }
        Ok(_) => Chain::new(args.chain_id),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut chain = chain;
    chain.history_limit = args.history;
    while chain.history.len() as u64 > args.history {
        chain.history.pop_front();
    }
    if let Some(path) = &args.state {
        match state_file::Journal::open(path, &chain) {
            Ok(j) => chain.journal = Some(Arc::new(Mutex::new(j))),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let chain = Arc::new(RwLock::new(chain));
    unsafe {
        libc::signal(libc::SIGINT, on_signal as *const () as libc::sighandler_t);
        libc::signal(libc::SIGTERM, on_signal as *const () as libc::sighandler_t);
    }
    let mut running = match server::spawn(chain.clone(), &args.host, args.port) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "atelier-devnet: chain id {}, automine (one block per transaction)",
        args.chain_id
    );
    println!();
    println!(
        "Dev accounts (10,000 ETH each). PUBLICLY KNOWN TEST KEYS: never use them on a real chain."
    );
    for (i, (addr, key)) in accounts::dev_accounts().iter().enumerate() {
        println!("  ({i}) {addr}  key 0x{key}");
    }
    println!();
    println!("Listening on {}", running.url());
    while !STOP.load(Ordering::SeqCst) {
        thread::sleep(Duration::from_millis(100));
    }
    running.stop();
    if let Some(path) = &args.state {
        let guard = match chain.write() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let saved = match &guard.journal {
            Some(j) => j.lock().unwrap_or_else(|p| p.into_inner()).compact(&guard),
            None => state_file::save(&guard, path),
        };
        match saved {
            Ok(()) => println!(
                "Saved state to {} (block {})",
                path.display(),
                guard.head().number
            ),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("Stopped.");
    ExitCode::SUCCESS
}
