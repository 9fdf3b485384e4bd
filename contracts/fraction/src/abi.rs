//! FractionToken's events and own errors (the shared ones live in
//! `atelier_common::errors`). ERC-20, ERC-2612, ECDSA and votes items keep
//! OpenZeppelin's names and signatures, so wallets and indexers decode them as
//! they would OpenZeppelin Solidity's.
atelier_common::abi_items! {
    /// ERC-20: `value` share units moved (`from` zero: mint; `to` zero: burn).
    #[derive(Debug, PartialEq)]
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// ERC-20: `spender` may move `value` of `owner`'s shares.
    #[derive(Debug, PartialEq)]
    event Approval(address indexed owner, address indexed spender, uint256 value);
    /// ERC-5805: `delegator` moved its voting power from `fromDelegate` to `toDelegate`.
    #[derive(Debug, PartialEq)]
    event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate);
    /// ERC-5805: the votes of `delegate` changed.
    #[derive(Debug, PartialEq)]
    event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes);
    /// Primary sale: `buyer` paid `cost` wei for `shares`; the spot price is now `spotPriceAfter`.
    #[derive(Debug, PartialEq)]
    event SharesBought(address indexed buyer, uint256 shares, uint256 cost, uint256 spotPriceAfter);
    /// The volatility premium (WAD) changed, by the keeper or by a bound change.
    #[derive(Debug, PartialEq)]
    event PremiumSet(uint256 oldPremium, uint256 newPremium);
    /// Parameter `key` (see `atelier_common::params::fraction`) is now `value`.
    #[derive(Debug, PartialEq)]
    event ParamSet(uint8 indexed key, uint256 value);
    /// The one-time wiring is done; the admin is cleared.
    #[derive(Debug, PartialEq)]
    event Initialized(address vault, address treasury, address registry, address keeper);
    /// The registry locked or unlocked staked shares in place: `account` now has
    /// `lockedBalance` of its balance locked (it keeps their votes; they cannot move).
    #[derive(Debug, PartialEq)]
    event LockedBalanceChanged(address indexed account, uint256 lockedBalance);

    /// A name or symbol longer than `maxLength` bytes.
    #[derive(Debug, PartialEq)]
    error StringTooLong(uint256 length, uint256 maxLength);
    /// `buy` before the sale start (unix seconds).
    #[derive(Debug, PartialEq)]
    error SaleNotStarted(uint256 saleStart);
    /// Governance paused buying and transfers.
    #[derive(Debug, PartialEq)]
    error EnforcedPause();
    /// The batch costs more than the buyer's `maxCost`.
    #[derive(Debug, PartialEq)]
    error MaxCostExceeded(uint256 cost, uint256 maxCost);
    /// `msg.value` is below the batch cost.
    #[derive(Debug, PartialEq)]
    error InsufficientPayment(uint256 cost, uint256 sent);
    /// A mint would take the total supply to `supply`, above `maxSupply`.
    #[derive(Debug, PartialEq)]
    error MaxSupplyExceeded(uint256 supply, uint256 maxSupply);
    /// The keeper's premium lies outside the governance bounds.
    #[derive(Debug, PartialEq)]
    error PremiumOutOfBounds(uint256 premium, uint256 min, uint256 max);
    /// The keeper moved the premium by more than `maxStep`.
    #[derive(Debug, PartialEq)]
    error PremiumStepTooLarge(uint256 current, uint256 requested, uint256 maxStep);
    /// The keeper may next update the premium at `nextUpdateAt` (unix seconds).
    #[derive(Debug, PartialEq)]
    error PremiumUpdateTooSoon(uint256 nextUpdateAt);
    /// Past votes or supply were asked for a timepoint not yet in the past.
    #[derive(Debug, PartialEq)]
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);
    /// A checkpoint would be written before the latest one (the clock went back).
    #[derive(Debug, PartialEq)]
    error CheckpointUnorderedInsertion();
    /// The permit's `deadline` has passed.
    #[derive(Debug, PartialEq)]
    error ERC2612ExpiredSignature(uint256 deadline);
    /// The permit was signed by `signer`, not by `owner`.
    #[derive(Debug, PartialEq)]
    error ERC2612InvalidSigner(address signer, address owner);
    /// The signature recovers to no address (bad `v`, or invalid).
    #[derive(Debug, PartialEq)]
    error ECDSAInvalidSignature();
    /// The signature's `s` lies in the upper half order (malleable).
    #[derive(Debug, PartialEq)]
    error ECDSAInvalidSignatureS(bytes32 s);
    /// `sender` holds `balance`, less than the `needed` amount.
    #[derive(Debug, PartialEq)]
    error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);
    /// The registry asked to unlock `needed` of `account`'s shares, which has only `locked` locked.
    #[derive(Debug, PartialEq)]
    error InsufficientLockedBalance(address account, uint256 locked, uint256 needed);
    /// Shares cannot come from `sender` (the zero address).
    #[derive(Debug, PartialEq)]
    error ERC20InvalidSender(address sender);
    /// Shares cannot go to `receiver` (the zero address).
    #[derive(Debug, PartialEq)]
    error ERC20InvalidReceiver(address receiver);
    /// `spender` may move only `allowance`, less than `needed`.
    #[derive(Debug, PartialEq)]
    error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// `spender` cannot be approved (the zero address).
    #[derive(Debug, PartialEq)]
    error ERC20InvalidSpender(address spender);
}
