//! One collective on the compiled artifacts: the five `target/stylus/*.wasm` programs
//! deployed in the host's in-memory [`World`], wired exactly as `deploy/collective.json`
//! says (the order and arguments of `tests/src/wiring.rs`, the motsu suites' wiring
//! helper), plus the outside ERC-721 collection as a native mock. Every call is encoded
//! with the `sol!` bindings generated from `abi/*.json`.
//!
//! Shared by the lifecycle suite, the scaling check and the gas report
//! (`src/bin/gas_report.rs` includes this module by path).
#![allow(dead_code)]

pub mod bindings;
pub mod collection;
pub mod scenarios;

use std::{
    cell::RefCell,
    collections::HashMap,
    fmt,
    path::PathBuf,
    rc::Rc,
};

use alloy_primitives::{keccak256, uint, Address, Bytes, Log, B256, U256};
use alloy_sol_types::{SolCall, SolInterface, SolValue};
use atelier_host::{Meter, Program, Receipt, World};
use serde_json::Value;

use bindings::*;

/// The deployment configuration shared with the deploy script and the motsu suites.
pub const CONFIG: &str = include_str!("../../../../deploy/collective.json");

/// The time the collective is deployed at: motsu's constant block timestamp, so the
/// stories run on the same clock readings as under motsu.
pub const START: u64 = 1_735_689_600;

pub const DAY: u64 = 86_400;
pub const SHARE: U256 = uint!(1_000_000_000_000_000_000_U256);
pub const ETH: U256 = uint!(1_000_000_000_000_000_000_U256);
/// `atelier_vault::GENESIS_SHARES`: 1,000 shares per genesis artwork.
pub const GENESIS_SHARES: U256 = uint!(1_000_000_000_000_000_000_000_U256);

/// `atelier_governor::actions::kind`.
pub mod kind {
    pub const SET_CREATIVE_DIRECTION: u8 = 0;
    pub const GRANT_EXHIBITION: u8 = 1;
    pub const APPROVE_LICENSE: u8 = 2;
    pub const APPROVE_LISTING: u8 = 3;
    pub const SET_PARAMS: u8 = 4;
    pub const RELEASE_ARTWORK: u8 = 5;
    pub const WITHDRAW_RESERVE: u8 = 6;
}

/// `atelier_governor::types::state`.
pub mod state {
    pub const PENDING: u8 = 0;
    pub const ACTIVE: u8 = 1;
    pub const CANCELED: u8 = 2;
    pub const DEFEATED: u8 = 3;
    pub const SUCCEEDED: u8 = 4;
    pub const QUEUED: u8 = 5;
    pub const VETOED: u8 = 6;
    pub const EXECUTED: u8 = 7;
    pub const EXPIRED: u8 = 8;
}

/// `atelier_common::params` keys used here.
pub mod params {
    pub mod fraction {
        pub const DECAY: u8 = 1;
    }
    pub mod curation {
        pub const MIN_SEED_STAKE: u8 = 0;
    }
    pub mod vault {
        pub const QUORUM_BPS: u8 = 3;
    }
}

/// A governance action `(kind, target, account, id, amount, h1, h2, uri)`, the tuple of
/// `ArtGovernor.propose` in `abi/ArtGovernor.json`.
pub type Action = (u8, Address, Address, U256, U256, B256, B256, String);

pub fn action(k: u8) -> Action {
    (
        k,
        Address::ZERO,
        Address::ZERO,
        U256::ZERO,
        U256::ZERO,
        B256::ZERO,
        B256::ZERO,
        String::new(),
    )
}

pub fn shares(n: u64) -> U256 {
    SHARE * U256::from(n)
}

pub fn seed(n: u8) -> B256 {
    keccak256([b'S', n])
}

/// A JSON number or decimal string as U256.
pub fn num(v: &Value) -> U256 {
    match v {
        Value::Number(n) => U256::from(n.as_u64().expect("config numbers are u64")),
        Value::String(s) => s.parse().expect("config strings are decimal integers"),
        other => panic!("not a number: {other}"),
    }
}

/// Where the deployable WASM lives (`ATELIER_WASM_DIR` overrides).
pub fn wasm_dir() -> PathBuf {
    std::env::var_os("ATELIER_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/stylus"))
}

thread_local! {
    static PROGRAMS: RefCell<HashMap<&'static str, Program>> = RefCell::new(HashMap::new());
}

/// `target/stylus/<name>.wasm`, compiled once per thread.
pub fn program(name: &'static str) -> Program {
    PROGRAMS.with(|p| {
        p.borrow_mut()
            .entry(name)
            .or_insert_with(|| {
                let path = wasm_dir().join(format!("{name}.wasm"));
                let code = std::fs::read(&path).unwrap_or_else(|e| {
                    panic!("{}: {e} (run scripts/build-wasm first)", path.display())
                });
                Program::from_code(&code).unwrap_or_else(|e| panic!("{name}.wasm: {e:?}"))
            })
            .clone()
    })
}

/// A failed call: its revert data, decoded by name where an ABI knows it.
#[derive(Clone)]
pub struct Reverted {
    pub data: Bytes,
    pub exit: String,
}

impl Reverted {
    /// The custom error's name and arguments, from any of the ABIs.
    pub fn decoded(&self) -> String {
        decode_error(&self.data)
    }
}

impl fmt::Debug for Reverted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "reverted ({}): {}", self.exit, self.decoded())
    }
}

/// Revert data as `ErrorName { args }` if one of the ABIs declares it.
pub fn decode_error(data: &[u8]) -> String {
    macro_rules! try_decode {
        ($($ty:ty),*) => {$(
            if let Ok(e) = <$ty>::abi_decode(data, true) {
                return format!("{e:?}");
            }
        )*};
    }
    try_decode!(
        FractionToken::FractionTokenErrors,
        CurationRegistry::CurationRegistryErrors,
        Treasury::TreasuryErrors,
        ArtVault::ArtVaultErrors,
        ArtGovernor::ArtGovernorErrors,
        ArtCollection::ArtCollectionErrors
    );
    if data.is_empty() {
        "(no data)".into()
    } else {
        format!("0x{}", alloy_primitives::hex::encode(data))
    }
}

/// Everyone in the stories: plain EOAs (the World pays ETH to accounts without code).
#[derive(Clone, Copy, Debug)]
pub struct People {
    pub deployer: Address,
    pub curator: Address,
    pub alice: Address,
    pub bob: Address,
    pub carol: Address,
    pub keeper: Address,
    pub acquirer: Address,
    pub licensee: Address,
    pub stranger: Address,
    pub seller: Address,
}

/// A deployed, wired collective plus the outside artwork collection, in a World.
#[derive(Clone)]
pub struct Collective {
    pub world: World,
    pub token: Address,
    pub registry: Address,
    pub treasury: Address,
    pub vault: Address,
    pub governor: Address,
    pub collection: Address,
    pub people: People,
    pub config: Value,
    /// The receipt of the last transaction sent (for metering).
    pub last: Option<Receipt>,
    /// Every log of every successful transaction sent, in order.
    pub logs: Vec<Log>,
    /// When set, [`Collective::send_value`] keeps the world as it was before each
    /// transaction, and the transaction, in [`Collective::before_last`], so the last one can
    /// be run again with the programs cached by ArbOS ([`Collective::last_if_cached`]).
    pub keep_before_last: bool,
    /// The world before the last transaction, and that transaction (from, to, value, data).
    pub before_last: Option<Box<(World, Address, Address, U256, Vec<u8>)>>,
}

/// Deploys and wires a collective with `deploy/collective.json`.
pub fn deploy() -> Collective {
    deploy_with(serde_json::from_str(CONFIG).expect("deploy/collective.json parses"))
}

fn expect_ok(r: &Receipt, what: &str) {
    assert!(
        r.success,
        "{what}: {:?} {}",
        r.exit,
        decode_error(&r.output)
    );
}

/// Deploys and wires a collective with the given configuration (same shape as
/// `deploy/collective.json`), at [`START`].
pub fn deploy_with(config: Value) -> Collective {
    let mut world = World::new();
    world.set_timestamp(START);
    let mut person = || world.new_account(U256::ZERO);
    let people = People {
        deployer: person(),
        curator: person(),
        alice: person(),
        bob: person(),
        carol: person(),
        keeper: person(),
        acquirer: person(),
        licensee: person(),
        stranger: person(),
        seller: person(),
    };
    // Deployment order of deploy/collective.json.
    let order: Vec<&str> = config["order"]
        .as_array()
        .expect("order")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "FractionToken",
            "CurationRegistry",
            "Treasury",
            "ArtVault",
            "ArtGovernor"
        ]
    );
    let token = world.deploy(&program("fraction"));
    let registry = world.deploy(&program("curation"));
    let treasury = world.deploy(&program("treasury"));
    let vault = world.deploy(&program("vault"));
    let governor = world.deploy(&program("governor"));
    let collection = world.add_native(Rc::new(collection::CollectionMock));
    let admin = people.deployer;
    for (name, at) in [
        ("token", token),
        ("registry", registry),
        ("treasury", treasury),
        ("vault", vault),
        ("governor", governor),
    ] {
        let r = world.construct(admin, at, U256::ZERO, &admin.abi_encode());
        expect_ok(&r, &format!("{name} constructor"));
    }
    let mut c = Collective {
        world,
        token,
        registry,
        treasury,
        vault,
        governor,
        collection,
        people,
        config,
        last: None,
        keep_before_last: false,
        before_last: None,
        logs: Vec::new(),
    };
    let cfg = c.config.clone();
    let t = &cfg["token"];
    let sale_start = U256::from(START) + num(&t["saleStartDelay"]);
    c.send(
        admin,
        token,
        FractionToken::initializeCall::from((
            t["name"].as_str().unwrap().into(),
            t["symbol"].as_str().unwrap().into(),
            vault,
            treasury,
            registry,
            people.keeper,
            num(&t["p0"]),
            num(&t["decay"]),
            num(&t["targetRate"]),
            sale_start,
            num(&t["premiumMin"]),
            num(&t["premiumMax"]),
            num(&t["premiumMaxStep"]),
            num(&t["premiumInterval"]),
            num(&t["maxSupply"]),
        )),
    )
    .expect("token initialize");
    let r = &cfg["registry"];
    c.send(
        admin,
        registry,
        CurationRegistry::initializeCall::from((
            token,
            vault,
            treasury,
            num(&r["minSeedStake"]),
            num(&r["cooldown"]),
            num(&r["halfLife"]),
            num(&r["rewardPeriod"]),
        )),
    )
    .expect("registry initialize");
    let s = &cfg["treasury"];
    c.send(
        admin,
        treasury,
        Treasury::initializeCall::from((
            token,
            registry,
            vault,
            people.acquirer,
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
        )),
    )
    .expect("treasury initialize");
    let v = &cfg["vault"];
    c.send(
        admin,
        vault,
        ArtVault::initializeCall::from((
            token,
            registry,
            treasury,
            governor,
            people.curator,
            v["baseUri"].as_str().unwrap().into(),
            num(&v["redeemFeeBps"]),
        )),
    )
    .expect("vault initialize");
    let g = &cfg["governor"];
    c.send(
        admin,
        governor,
        ArtGovernor::initializeCall::from((
            vault,
            token,
            registry,
            treasury,
            num(&g["votingDelay"]),
            num(&g["votingPeriod"]),
            num(&g["timelock"]),
            num(&g["quorumBps"]),
            num(&g["proposalThreshold"]),
            num(&g["displayThreshold"]),
            num(&g["gracePeriod"]),
            num(&g["voteExtension"]),
        )),
    )
    .expect("governor initialize");
    c.last = None;
    c.logs.clear();
    c
}

impl Collective {
    /// Config value `section.key` as U256.
    pub fn cfg(&self, section: &str, key: &str) -> U256 {
        num(&self.config[section][key])
    }

    /// Config value `section.key` as u64 (times).
    pub fn secs(&self, section: &str, key: &str) -> u64 {
        self.cfg(section, key).to::<u64>()
    }

    /// A transaction `from` → `to` carrying `value`, encoded from the ABI binding `call`.
    /// Keeps the receipt in [`Collective::last`].
    pub fn send_value<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
        call: C,
    ) -> Result<C::Return, Reverted> {
        let data = call.abi_encode();
        self.before_last = self
            .keep_before_last
            .then(|| Box::new((self.world.clone(), from, to, value, data.clone())));
        let receipt = self.world.call(from, to, value, &data);
        let out = if receipt.success {
            Ok(decode_returns::<C>(&receipt.output))
        } else {
            Err(Reverted {
                data: receipt.output.clone(),
                exit: format!("{:?}", receipt.exit),
            })
        };
        self.logs.extend(receipt.logs.iter().cloned());
        self.last = Some(receipt);
        out
    }

    /// The last transaction's receipt had the five programs been in ArbOS's program cache
    /// (a cache manager's winning bid; `World::cache_program`): the same transaction run
    /// again from the state before it. Needs [`Collective::keep_before_last`].
    pub fn last_if_cached(&self) -> Receipt {
        let (world, from, to, value, data) =
            &**self.before_last.as_ref().expect("keep_before_last was set before the transaction");
        let mut world = world.clone();
        for p in [self.token, self.registry, self.treasury, self.vault, self.governor] {
            world.cache_program(p);
        }
        world.call(*from, *to, *value, data)
    }

    /// A transaction without value.
    pub fn send<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: C,
    ) -> Result<C::Return, Reverted> {
        self.send_value(from, to, U256::ZERO, call)
    }

    /// A view (static call, nothing kept), from the stranger.
    pub fn try_view<C: SolCall>(&mut self, to: Address, call: C) -> Result<C::Return, Reverted> {
        let receipt = self
            .world
            .static_call(self.people.stranger, to, &call.abi_encode());
        if receipt.success {
            Ok(decode_returns::<C>(&receipt.output))
        } else {
            Err(Reverted {
                data: receipt.output.clone(),
                exit: format!("{:?}", receipt.exit),
            })
        }
    }

    /// A view that must succeed.
    pub fn view<C: SolCall>(&mut self, to: Address, call: C) -> C::Return {
        self.try_view(to, call)
            .unwrap_or_else(|e| panic!("{}: {e:?}", C::SIGNATURE))
    }

    /// What the last transaction did.
    pub fn last_meter(&self) -> Meter {
        self.last.as_ref().expect("a transaction was sent").meter
    }

    // ---- time and ETH ----

    pub fn now(&self) -> u64 {
        self.world.env().timestamp
    }

    pub fn advance(&mut self, seconds: u64) {
        self.world.advance_time(seconds);
    }

    pub fn eth(&self, who: Address) -> U256 {
        self.world.balance(who)
    }

    /// Gives `who` `amount` more wei.
    pub fn fund(&mut self, who: Address, amount: U256) {
        let b = self.world.balance(who);
        self.world.set_balance(who, b + amount);
    }

    /// A new EOA.
    pub fn new_person(&mut self) -> Address {
        self.world.new_account(U256::ZERO)
    }

    // ---- frequent views ----

    pub fn balance_of(&mut self, who: Address) -> U256 {
        self.view(self.token, FractionToken::balanceOfCall { account: who })
            ._0
    }

    pub fn total_supply(&mut self) -> U256 {
        self.view(self.token, FractionToken::totalSupplyCall {})._0
    }

    pub fn spot_price(&mut self) -> U256 {
        self.view(self.token, FractionToken::spotPriceCall {})._0
    }

    pub fn quote_buy(&mut self, amount: U256) -> U256 {
        self.view(self.token, FractionToken::quoteBuyCall { shares: amount })
            ._0
    }

    /// The treasury's buckets (reserve, buyback, acquisition, rewards).
    pub fn buckets(&mut self) -> (U256, U256, U256, U256) {
        let b = self.view(self.treasury, Treasury::bucketsCall {});
        (b._0, b._1, b._2, b._3)
    }

    pub fn proposal_state(&mut self, id: U256) -> u8 {
        self.view(self.governor, ArtGovernor::stateCall { proposal_id: id })
            ._0
    }

    pub fn collection_owner(&mut self, id: u64) -> Address {
        self.view(
            self.collection,
            ArtCollection::ownerOfCall {
                tokenId: U256::from(id),
            },
        )
        ._0
    }

    // ---- actions the stories and the gas report share ----

    /// Mints collection token `id` to `to` (anyone may mint in the mock collection).
    pub fn mint_art(&mut self, to: Address, id: u64) {
        self.send(
            to,
            self.collection,
            ArtCollection::mintCall {
                to,
                tokenId: U256::from(id),
            },
        )
        .expect("collection mint");
    }

    /// A genesis deposit of collection token `id` by the curator (approved already).
    pub fn genesis_deposit(&mut self, id: u8) -> Result<U256, Reverted> {
        let (curator, carol) = (self.people.curator, self.people.carol);
        self.send(
            curator,
            self.vault,
            ArtVault::depositCall::from((
                self.collection,
                U256::from(id),
                seed(id),
                keccak256("model-v1"),
                keccak256(format!("prompt {id}")),
                carol,
                format!("ipfs://art/{id}"),
            )),
        )
        .map(|r| r._0)
    }

    /// Funds `who` with the quote plus a little, buys `amount` share units, checks the
    /// quote is the price and the excess comes back to the wei; returns the cost.
    pub fn buy_units(&mut self, who: Address, amount: U256) -> U256 {
        let quote = self.quote_buy(amount);
        let paid = quote + U256::from(12_345);
        self.fund(who, paid);
        let before = self.eth(who);
        let cost = self
            .send_value(
                who,
                self.token,
                paid,
                FractionToken::buyCall {
                    shares: amount,
                    max_cost: quote,
                    deadline: U256::MAX,
                },
            )
            .expect("buy")
            ._0;
        assert_eq!(cost, quote, "the quote is the price");
        assert_eq!(before - self.eth(who), cost, "excess refunded to the wei");
        cost
    }

    /// [`Collective::buy_units`] of `n` whole shares.
    pub fn buy(&mut self, who: Address, n: u64) -> U256 {
        self.buy_units(who, shares(n))
    }

    pub fn approve_token(&mut self, owner: Address, spender: Address, amount: U256) {
        self.send(
            owner,
            self.token,
            FractionToken::approveCall {
                spender,
                value: amount,
            },
        )
        .expect("approve");
    }

    pub fn delegate(&mut self, who: Address, to: Address) {
        self.send(
            who,
            self.token,
            FractionToken::delegateCall { delegatee: to },
        )
        .expect("delegate");
    }

    pub fn perform_upkeep(&mut self) -> Result<(), Reverted> {
        let stranger = self.people.stranger;
        self.send(
            stranger,
            self.treasury,
            Treasury::performUpkeepCall {
                perform_data: Bytes::new(),
            },
        )
        .map(|_| ())
    }

    /// Proposes `actions` as `proposer` and returns the id.
    pub fn propose(
        &mut self,
        proposer: Address,
        actions: &[Action],
        description: &str,
    ) -> Result<U256, Reverted> {
        self.send(
            proposer,
            self.governor,
            ArtGovernor::proposeCall::from((actions.to_vec(), description.into())),
        )
        .map(|r| r._0)
    }

    pub fn cast_vote(&mut self, voter: Address, id: U256, support: u8) -> Result<U256, Reverted> {
        self.send(
            voter,
            self.governor,
            ArtGovernor::castVoteCall {
                proposal_id: id,
                support,
            },
        )
        .map(|r| r._0)
    }

    /// Advances past the timelock and executes `actions` from the stranger.
    pub fn execute(&mut self, actions: &[Action], description: &str) -> Result<U256, Reverted> {
        self.advance(self.secs("governor", "timelock") + 1);
        self.execute_now(actions, description)
    }

    /// Executes `actions` (proposed by alice, as every story's proposal is) now,
    /// from the stranger.
    pub fn execute_now(&mut self, actions: &[Action], description: &str) -> Result<U256, Reverted> {
        let (stranger, alice) = (self.people.stranger, self.people.alice);
        self.send(
            stranger,
            self.governor,
            ArtGovernor::executeCall::from((actions.to_vec(), keccak256(description), alice)),
        )
        .map(|r| r._0)
    }

    /// Proposes (by `proposer`), passes (curator and alice vote for) and queues; returns
    /// the id. The curator and alice must be delegated.
    pub fn pass_by(&mut self, proposer: Address, actions: &[Action], description: &str) -> U256 {
        let (curator, alice) = (self.people.curator, self.people.alice);
        let id = self
            .propose(proposer, actions, description)
            .expect("propose");
        assert_eq!(self.proposal_state(id), state::PENDING);
        self.advance(self.secs("governor", "votingDelay") + 1);
        assert_eq!(self.proposal_state(id), state::ACTIVE);
        self.cast_vote(curator, id, 1).expect("curator votes");
        self.send(
            alice,
            self.governor,
            ArtGovernor::castVoteWithReasonCall {
                proposal_id: id,
                support: 1,
                reason: "for the collective".into(),
            },
        )
        .expect("alice votes");
        self.advance(self.secs("governor", "votingPeriod"));
        assert_eq!(self.proposal_state(id), state::SUCCEEDED);
        self.send(
            alice,
            self.governor,
            ArtGovernor::queueCall { proposal_id: id },
        )
        .expect("queue");
        assert_eq!(self.proposal_state(id), state::QUEUED);
        id
    }

    /// [`Collective::pass_by`] with alice proposing, as in the motsu stories.
    pub fn pass(&mut self, actions: &[Action], description: &str) -> U256 {
        self.pass_by(self.people.alice, actions, description)
    }

    /// The provenance of collection token `id`, ABI-encoded for `safeTransferFrom`.
    pub fn provenance(&self, id: u8) -> Vec<u8> {
        (
            seed(id),
            keccak256("model-v1"),
            keccak256(format!("prompt {id}")),
            self.people.carol,
            format!("ipfs://art/{id}"),
        )
            .abi_encode_params()
    }
}

/// Decodes `C`'s return data as the ABI says, strictly: every return must be the
/// Solidity encoding of its return parameters (the contracts wrap the tuples
/// stylus-sdk 0.9 would encode with an extra offset word in
/// `atelier_common::abi::Returns`).
fn decode_returns<C: SolCall>(data: &[u8]) -> C::Return {
    C::abi_decode_returns(data, true)
        .unwrap_or_else(|e| panic!("{}: return data does not decode: {e}", C::SIGNATURE))
}
