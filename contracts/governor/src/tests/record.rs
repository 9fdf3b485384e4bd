//! The one-slot proposal record: every field within its bounds comes back
//! exactly, none spills into another, and out-of-range values saturate in
//! their own field.
use alloy_primitives::U256;
use proptest::prelude::*;

use crate::types::Record;

const TIME: u64 = (1 << 40) - 1;
const SMALL: u64 = (1 << 24) - 1;

fn record() -> impl Strategy<Value = Record> {
    (
        (0..=TIME, 0..=SMALL, 0..=TIME, 0u64..=0xff, 0u64..=0xff),
        (0..=TIME, 0..=SMALL, 0..=TIME, 0..=SMALL),
    )
        .prop_map(|((snapshot, quorum_bps, vote_end, status, flags), (eta, vetoes, expires, veto_base))| Record {
            snapshot,
            quorum_bps,
            vote_end,
            status,
            flags,
            eta,
            vetoes,
            expires,
            veto_base,
        })
}

proptest! {
    #[test]
    fn fields_round_trip(r in record()) {
        prop_assert_eq!(Record::decode(r.encode()), r);
    }

    #[test]
    fn one_field_changes_alone(r in record(), field in 0usize..9, value in any::<u64>()) {
        let mut changed = r;
        let (slot, max) = match field {
            0 => (&mut changed.snapshot, TIME),
            1 => (&mut changed.quorum_bps, SMALL),
            2 => (&mut changed.vote_end, TIME),
            3 => (&mut changed.status, 0xff),
            4 => (&mut changed.flags, 0xff),
            5 => (&mut changed.eta, TIME),
            6 => (&mut changed.vetoes, SMALL),
            7 => (&mut changed.expires, TIME),
            _ => (&mut changed.veto_base, SMALL),
        };
        *slot = value;
        let stored = value.min(max);
        let mut expected = r;
        match field {
            0 => expected.snapshot = stored,
            1 => expected.quorum_bps = stored,
            2 => expected.vote_end = stored,
            3 => expected.status = stored,
            4 => expected.flags = stored,
            5 => expected.eta = stored,
            6 => expected.vetoes = stored,
            7 => expected.expires = stored,
            _ => expected.veto_base = stored,
        }
        prop_assert_eq!(Record::decode(changed.encode()), expected);
    }
}

#[test]
fn an_empty_slot_is_no_proposal() {
    assert_eq!(Record::decode(U256::ZERO), Record::default());
    assert_eq!(Record::default().encode(), U256::ZERO);
}
