//! Every subcommand parses; bad input is refused with a message, not a panic.
use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command, ProposeAction};

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    let mut v = vec!["atelier"];
    v.extend_from_slice(args);
    Cli::try_parse_from(v)
}

#[test]
fn the_command_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn every_subcommand_parses() {
    let a = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    let cases: Vec<Vec<&str>> = vec![
        vec!["status"],
        vec!["status", "--top", "10"],
        vec!["buy", "100"],
        vec!["buy", "2.5", "--max-cost", "0.1", "--slippage-bps", "50"],
        vec!["sell", "5"],
        vec!["sell", "5", "--min-price", "0.004"],
        vec!["stake", "1", "20"],
        vec!["stake", "my seed text", "20"],
        vec!["unstake", "1", "20"],
        vec!["claim"],
        vec!["register-seed", "seed-9", "--model-id", "model-v1", "--prompt", "a prompt", "--stake", "10"],
        vec!["delegate"],
        vec!["delegate", a],
        vec!["propose", "-d", "direction v2", "creative-direction", "--model-id", "model-v2", "--prompt", "brighter", "--uri", "ipfs://d"],
        vec!["propose", "grant-exhibition", "--grantee", a, "--artwork", "1", "--days", "30", "--description", "show"],
        vec!["propose", "-d", "x", "license", "--licensee", a, "--artwork", "1", "--fee", "0.05", "--terms", "terms v1"],
        vec!["propose", "-d", "x", "listing", "--collection", a, "--depositor", a, "--token-id", "5", "--shares", "40"],
        vec!["propose", "-d", "x", "set-param", "--target", "vault", "--key", "quorumBps", "--value", "100"],
        vec!["propose", "-d", "x", "release", "--artwork", "2", "--to", a],
        vec!["propose", "-d", "x", "withdraw-reserve", "--to", a, "--amount", "1"],
        vec!["vote", "123", "for"],
        vec!["vote", "123", "against", "--reason", "no"],
        vec!["vote", "0x1f", "abstain"],
        vec!["execute", "123"],
        vec!["veto", "123"],
        vec!["veto", "123", "--token", "1", "--token", "2"],
        vec!["cancel", "123"],
        vec!["exit", "123", "100"],
        vec!["redeem", "3"],
        vec!["license", "activate", "1"],
        vec!["license", "show", "1"],
        vec!["deposit", "--collection", a, "--token-id", "1", "--seed", "s1", "--model-id", "m", "--prompt", "p"],
        vec!["end-bootstrap"],
        vec!["acquire", "--collection", a, "--token-id", "77", "--seller", a, "--price", "0.01", "--seed", "s77", "--model-id", "m", "--prompt", "p", "--artist", a],
        vec!["--log-chunk", "1000", "status"],
        vec!["upkeep"],
        vec!["decode-error", "0x"],
        vec!["keeper", "--once"],
        vec!["keeper", "--interval", "60", "--dry-run", "--window", "3600", "--state", "/tmp/k.json"],
        vec!["deploy"],
        vec!["deploy", "--keeper", a, "--curator", a, "--acquirer", a, "--cargo-stylus", "/opt/cargo-stylus"],
        vec!["--json", "--rpc-url", "http://localhost:8547", "status"],
        vec!["status", "--json", "--deployment", "deployments/412346.json"],
    ];
    for c in cases {
        if let Err(e) = parse(&c) {
            panic!("{c:?} must parse: {e}");
        }
    }
}

#[test]
fn values_land_where_they_belong() {
    let cli = parse(&["buy", "1.5", "--max-cost", "2wei"]).unwrap();
    match cli.command {
        Command::Buy(b) => {
            assert_eq!(b.shares.0, crate::util::UNIT + crate::util::UNIT / alloy::primitives::U256::from(2));
            assert_eq!(b.max_cost.unwrap().0, alloy::primitives::U256::from(2));
        }
        other => panic!("{other:?}"),
    }
    let cli = parse(&["propose", "set-param", "--target", "token", "--key", "decay", "--value", "7", "-d", "k"]).unwrap();
    match cli.command {
        Command::Propose(p) => {
            assert_eq!(p.description.as_deref(), Some("k"));
            assert!(matches!(p.action, ProposeAction::SetParam { .. }));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_input_is_refused_with_a_message() {
    for bad in [
        vec!["buy"],
        vec!["buy", "-3"],
        vec!["buy", "ten"],
        vec!["vote", "1", "maybe"],
        vec!["delegate", "0x123"],
        vec!["propose", "-d", "x", "set-param", "--target", "moon", "--key", "a", "--value", "1"],
        vec!["propose", "-d", "x", "grant-exhibition", "--grantee", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "--artwork", "1", "--until", "5", "--days", "1"],
        vec!["redeem", "-1"],
        vec!["fly"],
    ] {
        let e = parse(&bad).expect_err(&format!("{bad:?} must be refused"));
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn every_subcommand_has_help() {
    fn walk(cmd: &mut clap::Command, path: &str, n: &mut usize) {
        for sub in cmd.get_subcommands_mut() {
            let name = format!("{path} {}", sub.get_name());
            assert!(sub.get_about().is_some(), "{name} needs a one-line description");
            assert!(sub.render_help().to_string().contains("Usage"), "{name}");
            *n += 1;
            walk(sub, &name, n);
        }
    }
    let mut n = 0;
    walk(&mut Cli::command(), "atelier", &mut n);
    assert!(n >= 22 + 7 + 2, "{n} subcommands");
}

#[test]
fn param_keys_by_name_and_number() {
    use crate::{cli::ParamTarget, params};
    assert_eq!(params::key(ParamTarget::Vault, "quorumBps").unwrap(), 3);
    assert_eq!(params::key(ParamTarget::Token, "DECAY").unwrap(), 1);
    assert_eq!(params::key(ParamTarget::Treasury, "10").unwrap(), 10);
    assert_eq!(params::key(ParamTarget::Registry, "halfLife").unwrap(), 2);
    assert!(params::key(ParamTarget::Registry, "4").is_err());
    assert!(params::key(ParamTarget::Token, "nope").unwrap_err().0.contains("premiumMin"));
}

#[test]
fn param_values_take_integers_and_addresses() {
    use alloy::primitives::U256;
    assert_eq!(crate::cli::param_value("100").unwrap(), U256::from(100));
    assert_eq!(crate::cli::param_value("0x10").unwrap(), U256::from(16));
    let a = crate::cli::param_value("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").unwrap();
    assert_eq!(alloy::primitives::Address::from_word(a.into()), alloy::primitives::address!("70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    assert!(crate::cli::param_value("ten").is_err());
    assert!(parse(&["propose", "-d", "k", "set-param", "--target", "token", "--key", "keeper", "--value", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]).is_ok());
}
