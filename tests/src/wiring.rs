//! Deploys one collective in motsu and wires it the way the deploy script does:
//! constructors with the deployer as one-time admin, then each `initialize` in the
//! order and with the arguments of `deploy/collective.json`.
use alloy_primitives::{Address, U256};
use atelier_curation::CurationRegistry;
use atelier_fraction::FractionToken;
use atelier_governor::ArtGovernor;
use atelier_treasury::Treasury;
use atelier_vault::ArtVault;
use motsu::prelude::*;
use serde_json::Value;

use crate::{fixtures::{ArtCollection, Wallet}, test_clock};

/// The deployment configuration shared with the deploy script.
pub const CONFIG: &str = include_str!("../../deploy/collective.json");

/// Everyone in the stories. Each is a wallet contract, so ETH and NFTs reach them.
pub struct People {
    pub deployer: Contract<Wallet>,
    pub curator: Contract<Wallet>,
    pub alice: Contract<Wallet>,
    pub bob: Contract<Wallet>,
    pub carol: Contract<Wallet>,
    pub keeper: Contract<Wallet>,
    pub acquirer: Contract<Wallet>,
    pub licensee: Contract<Wallet>,
    pub stranger: Contract<Wallet>,
    pub seller: Contract<Wallet>,
}

/// A deployed, wired collective plus an outside artwork collection.
pub struct Collective {
    pub token: Contract<FractionToken>,
    pub registry: Contract<CurationRegistry>,
    pub treasury: Contract<Treasury>,
    pub vault: Contract<ArtVault>,
    pub governor: Contract<ArtGovernor>,
    pub collection: Contract<ArtCollection>,
    pub people: People,
    pub config: Value,
}

/// A JSON number or decimal string as U256.
pub fn num(v: &Value) -> U256 {
    match v {
        Value::Number(n) => U256::from(n.as_u64().expect("config numbers are u64")),
        Value::String(s) => s.parse().expect("config strings are decimal integers"),
        other => panic!("not a number: {other}"),
    }
}

impl Collective {
    /// Config value `section.key` as U256.
    pub fn cfg(&self, section: &str, key: &str) -> U256 {
        num(&self.config[section][key])
    }
}

fn wallet() -> Contract<Wallet> {
    Contract::<Wallet>::new()
}

/// Deploys and wires a collective at the current test-clock time.
pub fn deploy() -> Collective {
    test_clock::set(test_clock::MOTSU_TIMESTAMP);
    let config: Value = serde_json::from_str(CONFIG).expect("deploy/collective.json parses");
    let people = People {
        deployer: wallet(),
        curator: wallet(),
        alice: wallet(),
        bob: wallet(),
        carol: wallet(),
        keeper: wallet(),
        acquirer: wallet(),
        licensee: wallet(),
        stranger: wallet(),
        seller: wallet(),
    };
    let c = Collective {
        token: Contract::new(),
        registry: Contract::new(),
        treasury: Contract::new(),
        vault: Contract::new(),
        governor: Contract::new(),
        collection: Contract::new(),
        people,
        config,
    };
    let admin = c.people.deployer.address();
    c.token.sender(admin).constructor(admin).expect("token constructor");
    c.registry.sender(admin).constructor(admin).expect("registry constructor");
    c.treasury.sender(admin).constructor(admin).expect("treasury constructor");
    c.vault.sender(admin).constructor(admin).expect("vault constructor");
    c.governor.sender(admin).constructor(admin).expect("governor constructor");

    let (tok, reg, tre, vau, gov) = (
        c.token.address(),
        c.registry.address(),
        c.treasury.address(),
        c.vault.address(),
        c.governor.address(),
    );
    let t = &c.config["token"];
    let sale_start = U256::from(test_clock::MOTSU_TIMESTAMP) + num(&t["saleStartDelay"]);
    c.token
        .sender(admin)
        .initialize(
            t["name"].as_str().unwrap().into(),
            t["symbol"].as_str().unwrap().into(),
            vau,
            tre,
            c.registry.address(),
            c.people.keeper.address(),
            num(&t["p0"]),
            num(&t["decay"]),
            num(&t["targetRate"]),
            sale_start,
            num(&t["premiumMin"]),
            num(&t["premiumMax"]),
            num(&t["premiumMaxStep"]),
            num(&t["premiumInterval"]),
            num(&t["maxSupply"]),
        )
        .expect("token initialize");
    let r = &c.config["registry"];
    c.registry
        .sender(admin)
        .initialize(
            tok,
            vau,
            tre,
            num(&r["minSeedStake"]),
            num(&r["cooldown"]),
            num(&r["halfLife"]),
            num(&r["rewardPeriod"]),
        )
        .expect("registry initialize");
    let s = &c.config["treasury"];
    c.treasury
        .sender(admin)
        .initialize(
            tok,
            reg,
            vau,
            c.people.acquirer.address(),
            num(&s["buybackBps"]),
            num(&s["acquisitionBps"]),
            num(&s["rewardsBps"]),
            num(&s["epoch"]),
            num(&s["minBuyback"]),
            num(&s["roundDuration"]),
            num(&s["floorBps"]),
            num(&s["capBps"]),
            num(&s["maxAcquisitionPrice"]),
            num(&s["acquisitionBudgetPerEpoch"]),
        )
        .expect("treasury initialize");
    let v = &c.config["vault"];
    c.vault
        .sender(admin)
        .initialize(
            tok,
            reg,
            tre,
            gov,
            c.people.curator.address(),
            v["baseUri"].as_str().unwrap().into(),
            num(&v["redeemFeeBps"]),
        )
        .expect("vault initialize");
    let g = &c.config["governor"];
    c.governor
        .sender(admin)
        .initialize(
            vau,
            tok,
            reg,
            tre,
            num(&g["votingDelay"]),
            num(&g["votingPeriod"]),
            num(&g["timelock"]),
            num(&g["quorumBps"]),
            num(&g["proposalThreshold"]),
            num(&g["displayThreshold"]),
            num(&g["gracePeriod"]),
            num(&g["voteExtension"]),
        )
        .expect("governor initialize");
    c
}

impl Collective {
    /// Addresses of everyone, for sweeping invariants.
    pub fn holders(&self) -> Vec<Address> {
        let p = &self.people;
        vec![
            p.curator.address(),
            p.alice.address(),
            p.bob.address(),
            p.carol.address(),
            p.keeper.address(),
            p.acquirer.address(),
            p.licensee.address(),
            p.stranger.address(),
            p.seller.address(),
            self.registry.address(),
            self.treasury.address(),
            self.vault.address(),
            self.governor.address(),
        ]
    }
}
