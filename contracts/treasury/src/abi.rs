//! The Treasury's own events and errors, declared once for the Rust types and
//! the exported ABI (`ABI_ITEMS`). Shared errors live in `atelier_common::errors`.

atelier_common::abi_items! {
    /// The wiring admin connected the treasury to the other contracts.
    #[derive(Debug, PartialEq)]
    event Initialized(address token, address registry, address vault);
    /// Governance (or `initialize`) set parameter `key` to `value`.
    #[derive(Debug, PartialEq)]
    event ParamSet(uint8 indexed key, uint256 value);
    /// `amount` wei arrived from `from` and was split into the buckets.
    #[derive(Debug, PartialEq)]
    event RevenueReceived(address indexed from, uint256 amount);
    /// Upkeep for `epoch` ran: `rewardsStreamed` wei went to the registry and a
    /// buyback round with `buybackBudget` wei opened (0 when none opened).
    #[derive(Debug, PartialEq)]
    event UpkeepPerformed(uint256 epoch, uint256 rewardsStreamed, uint256 buybackBudget);
    /// Buyback round `round` opened with `budget` wei; its bid is tied to
    /// `spotPrice`, the round's reference price `min(p0, backing per share)`.
    #[derive(Debug, PartialEq)]
    event BuybackOpened(uint256 indexed round, uint256 budget, uint256 spotPrice, uint256 start, uint256 end);
    /// `seller` sold (and burned) `shares` to the treasury for `paid` wei.
    #[derive(Debug, PartialEq)]
    event BuybackFilled(address indexed seller, uint256 shares, uint256 paid);
    /// Buyback round `round` closed: `spent` wei used, `returned` wei back to the buyback bucket.
    #[derive(Debug, PartialEq)]
    event BuybackClosed(uint256 indexed round, uint256 spent, uint256 returned);
    /// The acquirer bought `collection`/`tokenId` from `seller` for `price` wei;
    /// the vault recorded it as artwork `artworkId`.
    #[derive(Debug, PartialEq)]
    event Acquired(uint256 indexed artworkId, address indexed collection, uint256 tokenId, address seller, uint256 price);
    /// Governance withdrew `amount` wei of the reserve to `to`.
    #[derive(Debug, PartialEq)]
    event ReserveWithdrawn(address indexed to, uint256 amount);

    /// `performUpkeep` was called before the epoch elapsed; next due at `nextDue`.
    #[derive(Debug, PartialEq)]
    error UpkeepNotNeeded(uint256 nextDue);
    /// No buyback round is open.
    #[derive(Debug, PartialEq)]
    error NoLiveRound();
    /// Buyback round `round` ended at `end`; it closes at the next upkeep.
    #[derive(Debug, PartialEq)]
    error RoundEnded(uint256 round, uint256 end);
    /// Buyback round `round` has no budget left.
    #[derive(Debug, PartialEq)]
    error BudgetExhausted(uint256 round);
    /// The current `bid` is below the seller's `minPrice`.
    #[derive(Debug, PartialEq)]
    error BidBelowMinimum(uint256 bid, uint256 minPrice);
    /// An acquisition at `price` exceeds the per-artwork cap `max`.
    #[derive(Debug, PartialEq)]
    error AcquisitionPriceTooHigh(uint256 price, uint256 max);
    /// The token is paused: no acquisition.
    #[derive(Debug, PartialEq)]
    error EnforcedPause();
    /// An acquisition at `price` on top of `spent` (the rolling window's
    /// spending still counted) exceeds the `budget`.
    #[derive(Debug, PartialEq)]
    error EpochBudgetExceeded(uint256 spent, uint256 price, uint256 budget);
    /// Bucket `bucket` (0 reserve, 1 buyback, 2 acquisition, 3 rewards) holds
    /// `available` wei, less than the `requested`.
    #[derive(Debug, PartialEq)]
    error InsufficientBucket(uint8 bucket, uint256 available, uint256 requested);
}
