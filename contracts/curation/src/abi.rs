//! The registry's events and its own custom errors (the shared ones live in
//! `atelier_common::errors`). Declared once: Rust types and exported ABI.
#![allow(missing_docs)]

atelier_common::abi_items! {
    /// `initialize` wired the registry to its counterparts.
    #[derive(Debug, PartialEq)]
    event Initialized(address token, address vault, address treasury);
    /// Governance (or `initialize`) set parameter `key` to `value`.
    #[derive(Debug, PartialEq)]
    event ParamSet(uint8 indexed key, uint256 value);
    /// A generative seed entered the registry as `seedId`, or the vault (re)registered
    /// it for a deposited artwork: the record now holds these values.
    #[derive(Debug, PartialEq)]
    event SeedRegistered(uint256 indexed seedId, bytes32 indexed seed, bytes32 modelId, bytes32 promptHash, string uri, address registrant);
    /// `account` locked `amount` shares behind `seedId`.
    #[derive(Debug, PartialEq)]
    event Staked(address indexed account, uint256 indexed seedId, uint256 amount);
    /// `account` took `amount` shares back from `seedId`.
    #[derive(Debug, PartialEq)]
    event Unstaked(address indexed account, uint256 indexed seedId, uint256 amount);
    /// The seed's stake changed: from this block on its conviction moves from
    /// `conviction` toward `stake` with the current half-life. Enough to rank
    /// seeds from events alone.
    #[derive(Debug, PartialEq)]
    event ConvictionUpdated(uint256 indexed seedId, uint256 conviction, uint256 stake);
    /// The treasury sent `amount` wei; the stream now pays `rate` (wei per
    /// second, scaled by 1e18) until `periodFinish`.
    #[derive(Debug, PartialEq)]
    event RewardNotified(uint256 amount, uint256 rate, uint256 periodFinish);
    /// `account` claimed `amount` wei of rewards.
    #[derive(Debug, PartialEq)]
    event RewardPaid(address indexed account, uint256 amount);

    /// No seed has id `seedId`.
    #[derive(Debug, PartialEq)]
    error UnknownSeed(uint256 seedId);
    /// The zero seed cannot be registered (it means "no seed").
    #[derive(Debug, PartialEq)]
    error ZeroSeed();
    /// `seed` is already registered as `seedId`.
    #[derive(Debug, PartialEq)]
    error SeedAlreadyRegistered(bytes32 seed, uint256 seedId);
    /// A holder-registered seed needs an initial stake of at least `minimum`.
    #[derive(Debug, PartialEq)]
    error SeedStakeTooLow(uint256 amount, uint256 minimum);
    /// The caller has only `staked` on `seedId`, less than `requested`.
    #[derive(Debug, PartialEq)]
    error InsufficientStake(uint256 seedId, uint256 staked, uint256 requested);
    /// The caller staked on `seedId` too recently; unstaking opens at `endsAt`.
    #[derive(Debug, PartialEq)]
    error CooldownActive(uint256 seedId, uint256 endsAt);
    /// `account` has no rewards to claim.
    #[derive(Debug, PartialEq)]
    error NothingToClaim(address account);
}
