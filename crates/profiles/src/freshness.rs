//! Whether a profile is complete and up to date. Pure functions, except the reminder round.

use crate::model::Profile;
use passerelle_core::Timestamp;
use passerelle_db::Db;
use serde::Serialize;
use time::Duration;

/// What a profile lacks, as stable keys the pages translate (`completeness-missing-skills`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completeness {
    /// 0 to 100.
    pub percent: u8,
    pub missing: Vec<&'static str>,
}

/// How complete a profile is: each of these counts the same.
pub fn completeness(profile: &Profile) -> Completeness {
    let d = &profile.data;
    let checks: [(&'static str, bool); 10] = [
        ("headline", !d.headline.is_empty()),
        ("summary", d.summary.chars().count() >= 80),
        ("residence", d.residence_country.is_some()),
        ("origins", !d.origins.is_empty()),
        ("sectors", !d.sectors.is_empty()),
        ("skills", d.skills.len() >= 3),
        ("languages", !d.languages.is_empty()),
        ("experience", d.years_experience.is_some() && (!d.work.is_empty() || !d.education.is_empty())),
        ("availability", !d.windows.is_empty() || d.remote_now),
        ("consent", profile.consent.is_some()),
    ];
    let done = checks.iter().filter(|(_, ok)| *ok).count();
    Completeness {
        percent: u8::try_from(done * 100 / checks.len()).unwrap_or(100),
        missing: checks.iter().filter(|(_, ok)| !ok).map(|(key, _)| *key).collect(),
    }
}

/// A profile not confirmed for `period` is stale: coordinators see it flagged and matching
/// weighs it less. Never confirmed counts from creation.
pub fn is_stale(profile: &Profile, now: Timestamp, period: Duration) -> bool {
    let since = profile.confirmed_at.unwrap_or(profile.created_at);
    now - since > period
}

/// Profiles to remind: stale, with an account to write to, and not reminded within `period`.
/// Returns (expert, user) pairs; the caller queues the emails and calls [`mark_reminded`].
pub async fn due_reminders(
    db: &Db,
    now: Timestamp,
    period: Duration,
    limit: u32,
) -> Result<Vec<(passerelle_core::ExpertId, passerelle_core::UserId)>, sqlx::Error> {
    let threshold = now - period;
    sqlx::query_as(
        "SELECT id, user_id FROM experts WHERE user_id IS NOT NULL AND coalesce(confirmed_at, created_at) < $1 \
         AND (reminded_at IS NULL OR reminded_at < $1) ORDER BY coalesce(confirmed_at, created_at) LIMIT $2",
    )
    .bind(threshold)
    .bind(i64::from(limit))
    .fetch_all(db.reader())
    .await
}

pub async fn mark_reminded(
    tx: &mut passerelle_db::Tx,
    expert: passerelle_core::ExpertId,
    at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE experts SET reminded_at = $2 WHERE id = $1").bind(expert).bind(at).execute(&mut **tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use passerelle_core::ExpertId;

    fn empty(created_at: Timestamp) -> Profile {
        Profile {
            id: ExpertId::new(),
            user_id: None,
            external_id: None,
            data: ProfileData { name: "A".into(), ..ProfileData::default() },
            consent: None,
            confirmed_at: None,
            created_at,
            updated_at: created_at,
        }
    }

    #[test]
    fn an_empty_profile_lists_everything_missing() {
        let now = Timestamp::now();
        let c = completeness(&empty(now));
        assert_eq!(c.percent, 0);
        assert_eq!(c.missing.len(), 10);
        let mut p = empty(now);
        p.data.headline = "Civil engineer".into();
        p.consent = Some(Consent { version: "v".into(), given_at: now });
        let c = completeness(&p);
        assert_eq!(c.percent, 20);
        assert!(!c.missing.contains(&"headline") && c.missing.contains(&"skills"));
    }

    #[test]
    fn staleness_counts_from_the_last_confirmation() {
        let now = Timestamp::now();
        let six_months = Duration::days(182);
        let mut p = empty(now - Duration::days(400));
        assert!(is_stale(&p, now, six_months));
        p.confirmed_at = Some(now - Duration::days(30));
        assert!(!is_stale(&p, now, six_months));
    }
}
