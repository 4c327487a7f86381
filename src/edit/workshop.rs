//! The workshop's fields of a journey patch: the voting round and the parking lot (see
//! `model::workshop`). Checked here so a bad round or a parking-lot item without text is
//! refused with the field named, and nothing else of the patch is applied.

use super::{EditError, JourneyPatch};
use crate::model::{JourneyMeta, VotingRound};

/// Applies the patch's voting round and parking lot to `m`.
pub(super) fn apply(m: &mut JourneyMeta, patch: &JourneyPatch) -> Result<(), EditError> {
    if let Some(v) = &patch.voting {
        if let Some(r) = v {
            check_round(r)?;
        }
        m.voting = v.clone();
    }
    if let Some(lot) = &patch.parking_lot {
        lot.check()
            .map_err(|(at, msg)| EditError::Invalid(format!("parking_lot.{at}: {msg}")))?;
        m.parking_lot = lot.clone();
    }
    Ok(())
}

fn check_round(r: &VotingRound) -> Result<(), EditError> {
    if r.participants == 0 {
        return Err(EditError::Invalid(
            "a voting round needs at least one participant".into(),
        ));
    }
    if r.dots_per_person == 0 {
        return Err(EditError::Invalid(
            "a voting round needs at least one dot per person".into(),
        ));
    }
    if r.cap_per_card == Some(0) {
        return Err(EditError::Invalid(
            "a cap per card must be at least 1 (leave it out for no cap)".into(),
        ));
    }
    Ok(())
}
