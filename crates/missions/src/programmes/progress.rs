//! Where a programme stands against its plan: experts deployed, expert-days and people trained
//! against its targets (counted by [`crate::stats`] over the programme's whole period, as the
//! dashboard counts them), and what its missions cost against its budget.

use super::Programme;
use crate::costs::{self, Spending};
use crate::stats::{self, Filter};
use passerelle_core::Amount;
use passerelle_db::Db;
use time::Date;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Distinct experts on missions that started.
    pub experts: u64,
    /// Days on missions that ran, on site and remote.
    pub expert_days: i64,
    pub people_trained: u64,
    pub spending: Spending,
}

impl Progress {
    /// What is left of the budget (negative when overspent), in hundredths.
    pub fn remaining(&self, budget: Amount) -> i64 {
        budget.cents() - self.spending.total.cents()
    }
}

/// The share of `target` reached, in whole percent (capped at 999), when there is a target.
pub fn percent(reached: i64, target: Option<u32>) -> Option<u32> {
    let target = i64::from(target?);
    if target == 0 {
        return Some(if reached > 0 { 100 } else { 0 });
    }
    Some(u32::try_from((reached.max(0) * 100 / target).min(999)).unwrap_or(999))
}

pub async fn of(db: &Db, programme: &Programme, today: Date) -> Result<Progress, sqlx::Error> {
    let filter = Filter { programme: Some(programme.id), country: None, sector: None, period: programme.period };
    let figures = stats::figures(db, &filter, today).await?;
    Ok(Progress {
        experts: figures.experts_deployed,
        expert_days: figures.expert_days.0 + figures.expert_days.1,
        people_trained: figures.trained,
        spending: costs::spending(db, programme.id).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_of_a_target() {
        assert_eq!(percent(5, Some(20)), Some(25));
        assert_eq!(percent(25, Some(20)), Some(125));
        assert_eq!(percent(5, None), None);
        assert_eq!(percent(0, Some(0)), Some(0));
        assert_eq!(percent(i64::MAX / 1000, Some(1)), Some(999));
    }
}
