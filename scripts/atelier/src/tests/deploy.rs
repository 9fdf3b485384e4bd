//! The deployment file's resume logic and cargo-stylus' output.
use alloy::primitives::{address, b256, Address};

use crate::{
    bindings::CONTRACTS,
    deployment::{self, Deployment, Step},
    stylus,
};

fn order() -> Vec<String> {
    CONTRACTS.iter().map(|s| s.to_string()).collect()
}

const A: Address = address!("00000000000000000000000000000000000000a1");
const TX: alloy::primitives::B256 = b256!("1111111111111111111111111111111111111111111111111111111111111111");

#[test]
fn steps_run_in_order_and_resume_from_the_first_missing() {
    let o = order();
    let mut d = Deployment::new(412346);
    let mut seen = Vec::new();
    loop {
        let s = d.next_step(&o);
        seen.push(s.clone());
        match s {
            Step::Upload(n) => d.record(&n).code_address = Some(A),
            Step::Construct(n) => {
                let r = d.record(&n);
                r.address = Some(A);
                r.tx = Some(TX);
            }
            Step::Initialize(n) => d.record(&n).initialize_tx = Some(TX),
            Step::Verify => d.complete = true,
            Step::Done => break,
        }
        assert!(seen.len() < 20, "terminates");
    }
    assert_eq!(seen.len(), 17);
    assert_eq!(seen[0], Step::Upload("FractionToken".into()));
    assert_eq!(seen[1], Step::Construct("FractionToken".into()));
    assert_eq!(seen[9], Step::Construct("ArtGovernor".into()));
    assert_eq!(seen[10], Step::Initialize("FractionToken".into()));
    assert_eq!(seen[14], Step::Initialize("ArtGovernor".into()));
    assert_eq!(seen[15], Step::Verify);

    // A run that stopped after uploading the treasury's code resumes with its construction.
    let mut d = Deployment::new(1);
    for n in ["FractionToken", "CurationRegistry"] {
        let r = d.record(n);
        r.code_address = Some(A);
        r.address = Some(A);
    }
    d.record("Treasury").code_address = Some(A);
    assert_eq!(d.next_step(&o), Step::Construct("Treasury".into()));
    // ... and one that stopped mid-initialize resumes with the next initialize.
    for n in CONTRACTS {
        let r = d.record(n);
        r.code_address = Some(A);
        r.address = Some(A);
    }
    d.record("FractionToken").initialize_tx = Some(TX);
    d.record("CurationRegistry").initialize_tx = Some(TX);
    assert_eq!(d.next_step(&o), Step::Initialize("Treasury".into()));
}

#[test]
fn the_file_round_trips_and_refuses_another_chain() {
    let dir = std::env::temp_dir().join(format!("atelier-test-{}", std::process::id()));
    let path = dir.join("deployments").join("412346.json");
    assert_eq!(deployment::load(&path).unwrap(), None);
    let mut d = Deployment::new(412346);
    d.deployer = Some(A);
    d.start_block = Some(7);
    d.record("FractionToken").address = Some(A);
    deployment::save(&path, &d).unwrap();
    assert_eq!(deployment::load(&path).unwrap(), Some(d.clone()));
    assert_eq!(deployment::load_for(&path, 412346).unwrap().address("FractionToken").unwrap(), A);
    let e = deployment::load_for(&path, 421614).unwrap_err();
    assert!(e.0.contains("chain 412346"), "{e}");
    let e = d.address("Treasury").unwrap_err();
    assert!(e.0.contains("scripts/deploy"), "{e}");
    std::fs::write(&path, "not json").unwrap();
    assert!(deployment::load(&path).unwrap_err().0.contains("not a deployment file"));
    assert!(deployment::load_for(&dir.join("none.json"), 1).unwrap_err().0.contains("run scripts/deploy"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(deployment::default_path(421614), std::path::PathBuf::from("deployments/421614.json"));
}

/// What cargo-stylus 0.10.10 printed for one `deploy --wasm-file` on the dev chain.
const OUTPUT: &str = "\u{1b}[0m2026-11-25T05:54:50.021Z INFO  [stylus_tools::core::check] \u{1b}[38;5;242mcontract size: 22.8 KB (22762 bytes)\u{1b}[0;0m
2026-11-25T05:54:50.940Z INFO  [stylus_tools::core::deployment] \u{1b}[38;5;242mdeployed code at address: \u{1b}[38;5;183m0xda52b25ddb0e3b9cc393b0690ac62245ac772527\u{1b}[0;0m\u{1b}[0;0m
2026-11-25T05:54:50.940Z INFO  [stylus_tools::core::deployment] \u{1b}[38;5;242mdeployment tx hash: \u{1b}[38;5;183m0x5deb5f6e6a689db0dd8fff0ea0b389b68a9bf627b58651329340466a8a4cc87a\u{1b}[0;0m\u{1b}[0;0m
2026-11-25T05:54:54.363Z INFO  [stylus_tools::core::activation] successfully activated contract 0xda52b25ddb0e3b9cc393b0690ac62245ac772527 with tx \"594baef2a758c1a2699ac8215f32ddc92d28a768947227fc0a7c5efc3b4af17d\"
";

#[test]
fn cargo_stylus_output_is_parsed() {
    let (addr, tx) = stylus::parse_deploy_output(OUTPUT);
    assert_eq!(addr, Some(address!("da52b25ddb0e3b9cc393b0690ac62245ac772527")));
    assert_eq!(tx, Some(b256!("5deb5f6e6a689db0dd8fff0ea0b389b68a9bf627b58651329340466a8a4cc87a")));
    assert_eq!(stylus::parse_deploy_output("error: server returned an error response"), (None, None));
    assert!(!stylus::strip_ansi(OUTPUT).contains('\u{1b}'));
}

#[test]
fn the_cargo_stylus_command_line() {
    assert_eq!(stylus::command_line("cargo stylus").unwrap(), ("cargo".to_string(), vec!["stylus".to_string()]));
    assert_eq!(stylus::command_line("/opt/bin/cargo-stylus").unwrap(), ("/opt/bin/cargo-stylus".to_string(), vec!["stylus".to_string()]));
    assert_eq!(stylus::command_line("cargo +1.88 stylus").unwrap().1, vec!["+1.88".to_string(), "stylus".to_string()]);
    assert!(stylus::command_line("  ").is_err());
}

#[test]
fn the_initcode_is_cargo_stylus_prelude() {
    let code = [0xef, 0xf0, 0x00, 0x00, 1, 2, 3];
    let init = stylus::initcode(&code);
    assert_eq!(init.len(), 43 + code.len());
    assert_eq!(init[0], 0x7f);
    assert_eq!(init[32], code.len() as u8);
    assert_eq!(&init[33..42], &[0x80, 0x60, 43, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3]);
    assert_eq!(init[42], 0);
    assert_eq!(&init[43..], &code);
    assert!(stylus::is_stylus(&code));
    assert!(stylus::is_stylus(&[0xef, 0xf0, 0x02, 0x00, 0x00, 0x01]), "a fragmented program's root");
    assert!(!stylus::is_stylus(&[0x60, 0x80, 0x60, 0x40, 0x52]));
}

#[test]
fn the_shim_workspace_is_written() {
    let dir = std::env::temp_dir().join(format!("atelier-shim-test-{}", std::process::id()));
    stylus::shim_workspace(&dir).unwrap();
    assert!(std::fs::read_to_string(dir.join("Stylus.toml")).unwrap().contains("[workspace.networks]"));
    assert!(dir.join("m/Cargo.toml").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A recorded contract is stale when its address has no code, or other code than
/// the hash recorded at deployment (records from before the hash: code only).
#[test]
fn stale_code_names_missing_and_replaced_code() {
    use crate::chain::stale_code;
    use alloy::primitives::{keccak256, B256};
    let code = b"\xef\xf0\x00program";
    assert_eq!(stale_code(&[], None), Some("has no code"));
    assert_eq!(stale_code(&[], Some(keccak256(code))), Some("has no code"));
    assert_eq!(stale_code(code, Some(keccak256(code))), None);
    assert_eq!(stale_code(code, None), None);
    assert_eq!(stale_code(code, Some(B256::ZERO)), Some("holds other code than was deployed there"));
}
