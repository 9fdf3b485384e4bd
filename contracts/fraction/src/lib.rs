//! FractionToken: ERC-20 shares of an Atelier collective, with EIP-2612 permit,
//! ERC-5805 votes (timestamp clock) and a demand-adjusted primary sale (VRGDA)
//! whose proceeds go straight to the Treasury.
//!
//! Wiring: `constructor(admin)`, then the admin calls `initialize` once (see
//! its doc for the argument order). The vault (governance) mints for deposits
//! and sets parameters; the keeper moves the volatility premium inside the
//! governance box; anyone buys from the sale.
//!
//! Pause (`PAUSED` parameter) is the collective's one market switch. It stops
//! `buy`, `transfer`, `transferFrom`, and `burnFrom` by anyone but the vault —
//! so the treasury's buyback sales (`sellToTreasury`) pay nothing — and the
//! treasury refuses acquisitions while it is set. It never stops the vault's
//! `burnFrom` (redemption works while paused: its fee is burned, not moved),
//! the vault's `mint`, `burn` of one's own shares, approvals, permits,
//! delegation, staking, or the registry's reward claims (ETH).
//!
//! Redemptions, minority exits and buyback sales need no approval: the vault's
//! and the treasury's `burnFrom` spend no allowance (see its doc).
//!
//! Staking locks shares in place: the registry (set at wiring) locks and
//! unlocks part of a holder's balance (`lockShares`/`unlockShares`). Locked
//! shares stay in `balanceOf` and keep their votes with the holder's delegate,
//! but no transfer or burn can move them: `balance` in storage is what is free
//! to move, `locked` what is staked, both in the holder's one slot (with whom
//! it delegates to), so a lock or unlock writes no other slot.
//!
//! The sale never mints below the treasury's `saleFloor()`: the live buyback
//! round's highest possible bid, and the backing per share (grossed up by the
//! part of a sale that stays as backing), read in one static call that fails
//! closed (`ExternalCallFailed(treasury)`).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main, no_std)]
extern crate alloc;

mod abi;
mod checkpoints;
mod config;
mod error;
// The WASM build routes calls through a hand-written router (fewer bytes than
// `#[public]`'s); native builds keep the SDK's.
#[cfg(target_arch = "wasm32")]
mod router;
mod locks;
mod short_string;
mod signing;
mod token;
mod votes;
pub mod vrgda;

#[cfg(test)]
mod tests;

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{
    aliases::{U48, U64, U96},
    Address, FixedBytes, B256, I256, U256,
};
use atelier_common::abi::{Returns, Text};
use atelier_common::{
    clock,
    errors::{
        AlreadyInitialized, EthTransferFailed, Expired, ExternalCallFailed, NotInitialized, Unauthorized,
        ZeroAddress, ZeroAmount,
    },
    math::{mul_div_fit, WAD},
    params::{fraction, known},
};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageBool, StorageMap, StorageU256, StorageU64, StorageU96,
    },
};

pub use abi::*;
pub use config::*;
pub use error::Error;
use checkpoints::Trace;
use signing::{Word, PERMIT_TYPEHASH};
use vrgda::Curve;

/// One holder, one slot: what it may move, what its stakes lock, and whom it
/// delegates to. Self-delegation (and none) needs no address, so a holder who
/// votes its own shares touches this slot alone on a transfer, a buy, a lock
/// or an unlock; a delegate other than itself sits in `delegatees`.
#[storage]
pub struct Holder {
    /// Shares free to move (transfers and burns draw on these).
    balance: StorageU96,
    /// Shares locked in place for stakes (see `locks`).
    locked: StorageU96,
    /// Whom it delegates to (`votes::UNDELEGATED`, `SELF_DELEGATED` or
    /// `DELEGATED_ELSEWHERE`; a `U64`, the width the token already uses).
    delegation: StorageU64,
}

/// FractionToken storage. Fields are ordered so each hot path touches few
/// slots: a transfer reads the pause slot and the two holders' slots; a buy
/// reads five config slots (marked A-E). In the WASM build `router` is the
/// entrypoint.
#[cfg_attr(not(target_arch = "wasm32"), entrypoint)]
#[storage]
pub struct FractionToken {
    // A: the treasury (receives sale ETH), the pause flag and the longest
    // backlog (seconds).
    treasury: StorageAddress,
    paused: StorageBool,
    max_lag: StorageU64,
    // B: sale curve.
    p0: StorageU96,
    rate: StorageU96,
    sale_start: StorageU64,
    // C: λ = -ln(1-k), the premium, shares sold by the sale.
    lambda: StorageU64,
    premium: StorageU64,
    sold: StorageU96,
    // D: the supply cap; k (read only by `param`). The supply itself is the
    // latest value of `total_supply_checkpoints` (a mint or burn writes that
    // slot anyway).
    max_supply: StorageU96,
    decay: StorageU64,
    // E: the schedule's anchor (a signed WAD exponent, two's complement).
    anchor: StorageU256,
    // Keeper slot and premium box.
    keeper: StorageAddress,
    premium_updated_at: StorageU64,
    premium_min: StorageU64,
    premium_max: StorageU64,
    premium_max_step: StorageU64,
    premium_interval: StorageU64,
    // Wiring.
    vault: StorageAddress,
    admin: StorageAddress,
    registry: StorageAddress,
    // ERC-20, permit, votes.
    holders: StorageMap<Address, Holder>,
    /// The delegate of each holder that delegates to another address (read
    /// only while its `Holder::delegation` says so).
    delegatees: StorageMap<Address, StorageAddress>,
    allowances: StorageMap<Address, StorageMap<Address, StorageU256>>,
    nonces: StorageMap<Address, StorageU256>,
    vote_checkpoints: StorageMap<Address, Trace>,
    total_supply_checkpoints: Trace,
    name: StorageB256,
    symbol: StorageB256,
}

#[public]
impl FractionToken {
    // ---------------------------------------------------------------- wiring

    /// Stores the one-time wiring admin (the deployer's chosen account).
    #[constructor]
    pub fn constructor(&mut self, admin: Address) -> Result<(), Error> {
        if admin.is_zero() {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        self.admin.set(admin);
        Ok(())
    }

    /// Wires the collective and sets every parameter, once, by the admin;
    /// clears the admin. Parameters are checked exactly as by `setParam`
    /// (keys in `atelier_common::params::fraction`), and the starting premium,
    /// 1e18, must lie in `[premiumMin, premiumMax]`. Emits `ParamSet` for each
    /// parameter, then `Initialized`.
    #[allow(clippy::too_many_arguments)]
    pub fn initialize(
        &mut self,
        name: Text,
        symbol: Text,
        vault: Address,
        treasury: Address,
        registry: Address,
        keeper: Address,
        p0: U256,
        decay: U256,
        target_rate: U256,
        sale_start: U256,
        premium_min: U256,
        premium_max: U256,
        premium_max_step: U256,
        premium_interval: U256,
        max_supply: U256,
    ) -> Result<(), Error> {
        if !self.vault.get().is_zero() {
            return Err(Error::AlreadyInitialized(AlreadyInitialized {}));
        }
        let sender = self.vm().msg_sender();
        if sender != self.admin.get() {
            return Err(Error::Unauthorized(Unauthorized { caller: sender }));
        }
        if vault.is_zero() || treasury.is_zero() || registry.is_zero() || keeper.is_zero() {
            return Err(Error::ZeroAddress(ZeroAddress {}));
        }
        atelier_common::params::bounded(fraction::PREMIUM_MIN, premium_min, PREMIUM_FLOOR, WAD)?;
        atelier_common::params::bounded(fraction::PREMIUM_MAX, premium_max, WAD, PREMIUM_CEIL)?;
        self.premium.set(U64::saturating_from(WAD));
        for (key, value) in [
            (fraction::P0, p0),
            (fraction::DECAY, decay),
            (fraction::TARGET_RATE, target_rate),
            (fraction::SALE_START, sale_start),
            (fraction::PREMIUM_MAX, premium_max),
            (fraction::PREMIUM_MIN, premium_min),
            (fraction::PREMIUM_MAX_STEP, premium_max_step),
            (fraction::PREMIUM_INTERVAL, premium_interval),
            (fraction::MAX_SUPPLY, max_supply),
            (fraction::KEEPER, config::address_word(keeper)),
            (fraction::MAX_LAG, U256::from(config::DEFAULT_MAX_LAG)),
        ] {
            self.apply_param(key, value)?;
        }
        self.name.set(short_string::pack(&name)?);
        self.symbol.set(short_string::pack(&symbol)?);
        self.vault.set(vault);
        self.treasury.set(treasury);
        self.registry.set(registry);
        self.admin.set(Address::ZERO);
        atelier_common::emit!(
            self.vm(),
            Initialized,
            1,
            [vault, treasury, registry, keeper],
        );
        Ok(())
    }

    /// Governance (the vault) sets parameter `key` within its hard bounds.
    pub fn set_param(&mut self, key: u8, value: U256) -> Result<(), Error> {
        self.only_vault()?;
        known(key, fraction::COUNT)?;
        self.apply_param(key, value)
    }

    /// The current value of parameter `key` (the keeper as `uint160`).
    pub fn param(&self, key: u8) -> Result<U256, Error> {
        self.read_param(key)
    }

    /// The vault (governance): mints for deposits and sets parameters.
    pub fn vault(&self) -> Address {
        self.vault.get()
    }

    /// The treasury: receives the sale's ETH.
    pub fn treasury(&self) -> Address {
        self.treasury.get()
    }

    // ---------------------------------------------------------------- ERC-20

    /// Token name (set at `initialize`).
    pub fn name(&self) -> String {
        short_string::unpack(self.name.get())
    }

    /// Token symbol (set at `initialize`).
    pub fn symbol(&self) -> String {
        short_string::unpack(self.symbol.get())
    }

    /// 18: one whole share is 1e18 units.
    pub fn decimals(&self) -> u8 {
        18
    }

    /// Shares in existence.
    pub fn total_supply(&self) -> U256 {
        self.total_supply_checkpoints.latest()
    }

    /// Shares held by `account`, staked (locked) ones included.
    pub fn balance_of(&self, account: Address) -> U256 {
        let holder = self.holders.get(account);
        U256::from(holder.balance.get()) + U256::from(holder.locked.get())
    }

    // -------------------------------------------------------------- staking

    /// The curation registry: the one address that locks and unlocks stakes.
    pub fn registry(&self) -> Address {
        self.registry.get()
    }

    /// Shares of `account` the registry holds locked for its stakes.
    pub fn locked_balance_of(&self, account: Address) -> U256 {
        U256::from(self.holders.get(account).locked.get())
    }

    /// Registry only: locks `amount` of `account`'s free shares in place for a
    /// stake (they keep their votes and cannot move until unlocked). Returns
    /// the account's locked balance now: the registry's reward weight for it.
    pub fn lock_shares(&mut self, account: Address, amount: U256) -> Result<U256, Error> {
        self.only_registry()?;
        self.move_lock(account, amount, true)
    }

    /// Registry only: unlocks `amount` of `account`'s locked shares (unstake).
    /// Returns the account's locked balance now.
    pub fn unlock_shares(&mut self, account: Address, amount: U256) -> Result<U256, Error> {
        self.only_registry()?;
        self.move_lock(account, amount, false)
    }

    /// Moves `value` of the caller's shares to `to` (not while paused).
    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, Error> {
        self.when_not_paused()?;
        let from = self.vm().msg_sender();
        self.transfer_checked(from, to, value)?;
        Ok(true)
    }

    /// Shares `spender` may still move for `owner`.
    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.allowances.get(owner).get(spender)
    }

    /// Lets `spender` move `value` of the caller's shares.
    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, Error> {
        let owner = self.vm().msg_sender();
        self.approve_checked(owner, spender, value)?;
        Ok(true)
    }

    /// Moves `value` of `from`'s shares to `to` on the caller's allowance
    /// (not while paused).
    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<bool, Error> {
        self.when_not_paused()?;
        let spender = self.vm().msg_sender();
        self.spend_allowance(from, spender, value)?;
        self.transfer_checked(from, to, value)?;
        Ok(true)
    }

    /// Burns `value` of the caller's shares.
    pub fn burn(&mut self, value: U256) -> Result<(), Error> {
        let account = self.vm().msg_sender();
        self.burn_checked(account, value)
    }

    /// Burns `value` of `account`'s shares on the caller's allowance. The
    /// collective's own vault and treasury need none: they burn only the
    /// shares of whoever called them for it (redeem, a minority exit, a sale
    /// into the buyback), so that call is the holder's consent and the action
    /// is one transaction, as if vault and token were one contract. While
    /// paused only the vault may (redemption), so no buyback sale pays.
    pub fn burn_from(&mut self, account: Address, value: U256) -> Result<(), Error> {
        let spender = self.vm().msg_sender();
        let vault = self.vault.get();
        if spender != vault {
            self.when_not_paused()?;
            if spender != self.treasury.get() {
                self.spend_allowance(account, spender, value)?;
            }
        }
        self.burn_checked(account, value)
    }

    /// The vault mints `amount` to `to` for a deposit, within `maxSupply`.
    pub fn mint(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        self.only_vault()?;
        if amount.is_zero() {
            return Err(Error::ZeroAmount(ZeroAmount {}));
        }
        if to.is_zero() {
            return Err(Error::InvalidReceiver(ERC20InvalidReceiver {
                receiver: to,
            }));
        }
        self.update(Address::ZERO, to, amount)
    }

    // -------------------------------------------------------------- EIP-2612

    /// Approves `value` for `spender` over `owner`'s shares by `owner`'s
    /// EIP-712 signature, valid until `deadline` (unix seconds) and once.
    #[allow(clippy::too_many_arguments)]
    pub fn permit(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
        deadline: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<(), Error> {
        if U256::from(clock::now(self.vm())) > deadline {
            return Err(Error::ExpiredSignature(ERC2612ExpiredSignature {
                deadline,
            }));
        }
        let nonce = self.nonces.get(owner);
        // A nonce cannot reach 2^256 - 1: one signature per increment.
        self.nonces
            .setter(owner)
            .set(nonce.saturating_add(U256::from(1u8)));
        let struct_hash = self.hash_words(
            [
                PERMIT_TYPEHASH.word(),
                owner.word(),
                spender.word(),
                value.word(),
                nonce.word(),
                deadline.word(),
            ],
            6,
        );
        let signer = self.typed_data_signer(struct_hash, v, r, s)?;
        if signer != owner {
            return Err(Error::InvalidSigner(ERC2612InvalidSigner { signer, owner }));
        }
        self.approve_checked(owner, spender, value)
    }

    /// The next signature nonce of `owner` (shared by permit and delegateBySig).
    pub fn nonces(&self, owner: Address) -> U256 {
        self.nonces.get(owner)
    }

    /// The EIP-712 domain separator: name, version "1", chain id, this address.
    #[selector(name = "DOMAIN_SEPARATOR")]
    pub fn domain_separator(&self) -> B256 {
        self.domain_separator_v4()
    }

    /// ERC-5267: the EIP-712 domain permits are signed in, so wallets can show
    /// it — fields 0x0f (name, version, chainId, verifyingContract), version
    /// "1", no salt, no extensions.
    #[selector(name = "eip712Domain")]
    pub fn eip712_domain(&self) -> Returns<(FixedBytes<1>, String, String, U256, Address, B256, Vec<U256>)> {
        let vm = self.vm();
        Returns((FixedBytes([0x0f]), self.name(), String::from("1"), U256::from(vm.chain_id()), vm.contract_address(), B256::ZERO, Vec::new()))
    }

    // ------------------------------------------------------------- ERC-5805

    /// ERC-6372 clock: the block timestamp.
    pub fn clock(&self) -> U48 {
        self.clock_key()
    }

    /// ERC-6372 clock description.
    #[selector(name = "CLOCK_MODE")]
    pub fn clock_mode(&self) -> String {
        String::from("mode=timestamp")
    }

    /// The account `account` delegates its votes to (zero: none).
    pub fn delegates(&self, account: Address) -> Address {
        self.delegate_of(account, self.holders.get(account).delegation.get().to())
    }

    /// Delegates the caller's votes to `delegatee` (itself to vote directly).
    pub fn delegate(&mut self, delegatee: Address) -> Result<(), Error> {
        let account = self.vm().msg_sender();
        self.delegate_from(account, delegatee)
    }

    /// Current votes of `account`.
    pub fn get_votes(&self, account: Address) -> U256 {
        self.vote_checkpoints.get(account).latest()
    }

    /// Votes of `account` at the end of `timepoint` (must be in the past).
    pub fn get_past_votes(&self, account: Address, timepoint: U256) -> Result<U256, Error> {
        let key = self.past_key(timepoint)?;
        Ok(self.vote_checkpoints.get(account).upper_lookup(key))
    }

    /// Total supply at the end of `timepoint` (must be in the past).
    pub fn get_past_total_supply(&self, timepoint: U256) -> Result<U256, Error> {
        let key = self.past_key(timepoint)?;
        Ok(self.total_supply_checkpoints.upper_lookup(key))
    }

    /// `getPastVotes(account, timepoint)` and `getPastTotalSupply(timepoint)` in
    /// one call: a vote's weight and its quorum's base (ArtGovernor's castVote
    /// enters this program once instead of twice).
    pub fn get_past_votes_and_supply(&self, account: Address, timepoint: U256) -> Result<(U256, U256), Error> {
        let key = self.past_key(timepoint)?;
        Ok((
            self.vote_checkpoints.get(account).upper_lookup(key),
            self.total_supply_checkpoints.upper_lookup(key),
        ))
    }

    /// Number of vote checkpoints of `account`.
    pub fn num_checkpoints(&self, account: Address) -> U256 {
        U256::from(self.vote_checkpoints.get(account).length())
    }

    // ---------------------------------------------------------- primary sale

    /// Buys `shares` share units at the VRGDA price (times the premium), never
    /// below the treasury's sale floor (see the crate doc), paying at most `maxCost`; forwards the cost to the treasury and
    /// refunds the rest of `msg.value`. Returns the cost in wei. Reverts
    /// `Expired` after `deadline` (unix seconds), so a wallet's signed buy
    /// cannot be mined at a price its signer no longer expects.
    #[payable]
    pub fn buy(&mut self, shares: U256, max_cost: U256, deadline: U256) -> Result<U256, Error> {
        let treasury = self.treasury.get();
        if treasury.is_zero() {
            return Err(Error::NotInitialized(NotInitialized {}));
        }
        self.when_not_paused()?;
        if shares.is_zero() {
            return Err(Error::ZeroAmount(ZeroAmount {}));
        }
        let now = clock::now(self.vm());
        if U256::from(now) > deadline {
            return Err(Error::Expired(Expired { deadline }));
        }
        let start = self.sale_start.get().to::<u64>();
        if now < start {
            return Err(Error::SaleNotStarted(SaleNotStarted {
                saleStart: U256::from(start),
            }));
        }
        let mut curve = self.curve(now - start)?;
        let sold = U256::from(self.sold.get());
        if curve.lift(sold)? {
            self.anchor.set(curve.anchor.into_raw());
        }
        let cost = self.priced(curve.cost(sold, shares)?, shares, treasury)?;
        if cost > max_cost {
            return Err(Error::MaxCostExceeded(MaxCostExceeded {
                cost,
                maxCost: max_cost,
            }));
        }
        let paid = self.vm().msg_value();
        if paid < cost {
            return Err(Error::InsufficientPayment(InsufficientPayment {
                cost,
                sent: paid,
            }));
        }
        // Effects.
        let sold_after = sold.checked_add(shares).ok_or_else(error::overflow)?;
        self.sold
            .set(U96::checked_from_limbs_slice(sold_after.as_limbs()).ok_or_else(error::overflow)?);
        let buyer = self.vm().msg_sender();
        self.update(Address::ZERO, buyer, shares)?;
        let spot_price_after = curve.spot(sold_after)?;
        atelier_common::emit!(
            self.vm(),
            SharesBought,
            2,
            [buyer, shares, cost, spot_price_after],
        );
        // Interactions: proceeds to the treasury, change to the buyer.
        self.pay(treasury, cost)?;
        self.pay(buyer, paid - cost)?;
        Ok(cost)
    }

    /// Cost in wei of buying `shares` share units now (reverts
    /// `ExternalCallFailed(treasury)` when the sale floor cannot be read).
    pub fn quote_buy(&self, shares: U256) -> Result<U256, Error> {
        let mut curve = self.current_curve()?;
        let sold = U256::from(self.sold.get());
        curve.lift(sold)?;
        let cost = curve.cost(sold, shares)?;
        self.priced(cost, shares, self.treasury.get())
    }

    /// Price in wei of one whole share now (before the sale start: at its
    /// opening, `t = 0`).
    pub fn spot_price(&self) -> Result<U256, Error> {
        let mut curve = self.current_curve()?;
        let sold = U256::from(self.sold.get());
        curve.lift(sold)?;
        Ok(curve.spot(sold)?)
    }

    /// Share units sold by the primary sale so far.
    pub fn total_sold(&self) -> U256 {
        U256::from(self.sold.get())
    }

    // ---------------------------------------------------- volatility premium

    /// The premium multiplier on the sale price (WAD).
    pub fn premium(&self) -> U256 {
        U256::from(self.premium.get())
    }

    /// When the keeper last set the premium (0: never).
    pub fn premium_updated_at(&self) -> U256 {
        U256::from(self.premium_updated_at.get())
    }

    /// The keeper sets the premium within `[premiumMin, premiumMax]`, moving
    /// it at most `premiumMaxStep`, at most once per `premiumInterval`.
    pub fn set_premium(&mut self, wad: U256) -> Result<(), Error> {
        let keeper = self.keeper.get();
        if keeper.is_zero() {
            return Err(Error::NotInitialized(NotInitialized {}));
        }
        let sender = self.vm().msg_sender();
        if sender != keeper {
            return Err(Error::Unauthorized(Unauthorized { caller: sender }));
        }
        let (min, max) = (
            U256::from(self.premium_min.get()),
            U256::from(self.premium_max.get()),
        );
        if wad < min || wad > max {
            return Err(Error::PremiumOutOfBounds(PremiumOutOfBounds {
                premium: wad,
                min,
                max,
            }));
        }
        let old = U256::from(self.premium.get());
        let max_step = U256::from(self.premium_max_step.get());
        if wad.abs_diff(old) > max_step {
            return Err(Error::PremiumStepTooLarge(PremiumStepTooLarge {
                current: old,
                requested: wad,
                maxStep: max_step,
            }));
        }
        let now = clock::now(self.vm());
        let last = self.premium_updated_at.get().to::<u64>();
        if last != 0 {
            let next = last.saturating_add(self.premium_interval.get().to::<u64>());
            if now < next {
                return Err(Error::PremiumUpdateTooSoon(PremiumUpdateTooSoon {
                    nextUpdateAt: U256::from(next),
                }));
            }
        }
        self.premium.set(U64::saturating_from(wad));
        self.premium_updated_at.set(U64::from(now));
        atelier_common::emit!(self.vm(), PremiumSet, 1, [old, wad]);
        Ok(())
    }
}

impl FractionToken {
    /// `Ok(())` for the vault; `NotInitialized` before wiring.
    fn only_vault(&self) -> Result<(), Error> {
        let vault = self.vault.get();
        if vault.is_zero() {
            return Err(Error::NotInitialized(NotInitialized {}));
        }
        let sender = self.vm().msg_sender();
        if sender != vault {
            return Err(Error::Unauthorized(Unauthorized { caller: sender }));
        }
        Ok(())
    }

    /// The sale curve `elapsed` seconds after the sale start.
    fn curve(&self, elapsed: u64) -> Result<Curve, Error> {
        let lambda = U256::from(self.lambda.get());
        let lag = vrgda::days(self.max_lag.get().to::<u64>());
        Ok(Curve {
            max_drop: atelier_common::math::mul_div_fit(lambda, lag, WAD, false)?,
            anchor: self.anchor(),
            unit_price: atelier_common::math::mul_div_fit(
                U256::from(self.p0.get()),
                U256::from(self.premium.get()),
                WAD,
                true,
            )?,
            lambda,
            rate: U256::from(self.rate.get()),
            days: vrgda::days(elapsed),
        })
    }

    /// The curve now (`t = 0` before the sale start).
    fn current_curve(&self) -> Result<Curve, Error> {
        if self.treasury.get().is_zero() {
            return Err(Error::NotInitialized(NotInitialized {}));
        }
        let start = self.sale_start.get().to::<u64>();
        self.curve(clock::now(self.vm()).saturating_sub(start))
    }

    /// Sends `amount` wei to `to` (nothing for zero).
    fn pay(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        if amount.is_zero() {
            return Ok(());
        }
        self.vm()
            .transfer_eth(to, amount)
            .map_err(|_| Error::EthTransferFailed(EthTransferFailed { to, amount }))
    }
}

impl FractionToken {
    /// A batch's price: the curve's cost, but never below the live buyback
    /// round's highest possible bid for the same shares (otherwise shares
    /// minted while the curve sits under the round's rising bid could be sold
    /// back at a profit, then or later in the round), nor below the backing per
    /// share the treasury quotes (so buying never dilutes the backing). Both
    /// come from one static call to `Treasury.saleFloor()`, which calls nothing
    /// back; a failed or short read reverts (fails closed).
    fn priced(&self, curve_cost: U256, shares: U256, treasury: Address) -> Result<U256, Error> {
        if treasury.is_zero() {
            return Ok(curve_cost);
        }
        const SALE_FLOOR: [u8; 4] = stylus_sdk::function_selector!("saleFloor");
        let fail = || Error::ExternalCallFailed(ExternalCallFailed { target: treasury });
        let out = self
            .vm()
            .static_call(&self, treasury, &SALE_FLOOR)
            .map_err(|_| fail())?;
        let word = |i: usize| atelier_common::abi::return_word(&out, i).ok_or_else(fail);
        let (bid, backing) = (word(0)?, word(1)?);
        let by_bid = mul_div_fit(shares, bid, WAD, true)?;
        let supply = self.total_supply().max(U256::from(1u8));
        let by_backing = mul_div_fit(shares, backing, supply, true)?;
        Ok(curve_cost.max(by_bid).max(by_backing))
    }

    /// The schedule's anchor `c`.
    fn anchor(&self) -> I256 {
        I256::from_raw(self.anchor.get())
    }

    /// Where the price sits now: the exponent at the current sale position,
    /// the floor included, premium aside. `None` before wiring or when it
    /// cannot be computed.
    pub(crate) fn position(&self) -> Option<I256> {
        let mut curve = self.current_curve().ok()?;
        let sold = U256::from(self.sold.get());
        curve.lift(sold).ok()?;
        curve.exponent(sold, false).ok()
    }

    /// Sets the anchor so the exponent at the current position is `target`
    /// (O(1)): called after a change of `k`, `r` or the backlog cap.
    pub(crate) fn reanchor(&mut self, target: I256) -> Result<(), Error> {
        self.anchor.set(U256::ZERO);
        let curve = self.current_curve()?;
        let c = target
            .checked_sub(curve.exponent(U256::from(self.sold.get()), false)?)
            .ok_or_else(error::overflow)?;
        self.anchor.set(c.into_raw());
        Ok(())
    }
}
