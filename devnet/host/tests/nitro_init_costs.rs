//! The host's activation-time prediction (`init_cost`, `cached_init_cost`) against
//! Nitro's own: the five programs of commit 23d9dc7, as deployed (Stylus prefix +
//! brotli), and the figures Nitro's activation (`crates/prover/src/binary.rs`, run
//! on these very modules) gave for them. A wrong term in the host's formula, or a
//! segment counted by payload instead of byte span, moves at least one of them.
use atelier_host::Program;

const NITRO: [(&str, u64, u64); 5] = [
    ("fraction", 11_994, 2_312),
    ("curation", 10_608, 1_781),
    ("treasury", 9_957, 1_733),
    ("vault", 10_922, 1_556),
    ("governor", 11_312, 1_671),
];

#[test]
fn init_costs_match_nitros_activation_of_the_same_modules() {
    for (name, init_cost, cached_init_cost) in NITRO {
        let path = format!("{}/tests/fixtures/activated-23d9dc7/{name}.code", env!("CARGO_MANIFEST_DIR"));
        let code = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let program = Program::from_code(&code).unwrap();
        let got = program.init_costs();
        assert_eq!((got.init_cost, got.cached_init_cost), (init_cost, cached_init_cost), "{name}");
    }
}
