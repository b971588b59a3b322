//! The consent an expert gives on accepting an invitation: the host institution of that
//! request may see their name, contact details and full profile, for that request only, until
//! the consent expires, is withdrawn, or the candidacy ends. What the host sees follows from it
//! ([`host_view`]): before the acceptance nothing at all (not even that the candidate exists),
//! while the consent lives everything, and afterwards only what the mission record needs (the
//! expert's name on a mission that took place).

use super::pipeline::Status;
use passerelle_core::Timestamp;
use serde::Serialize;
use time::{Date, Duration, Time};

/// How long the consent outlives the request's last day.
pub const DAYS_AFTER_END: i64 = 90;
/// The shortest consent, whatever the request's dates.
pub const MIN_DAYS: i64 = 30;

/// Why a consent ended before it expired.
pub const ENDED_WITHDRAWN: &str = "withdrawn";
pub const ENDED_CANDIDACY: &str = "candidacy_ended";

/// A consent as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consent {
    pub granted_at: Timestamp,
    pub expires_at: Timestamp,
    pub ended_at: Option<Timestamp>,
    /// [`ENDED_WITHDRAWN`] or [`ENDED_CANDIDACY`].
    pub ended_because: Option<String>,
}

impl Consent {
    /// Granted now for a request whose days end on `request_end`.
    pub fn granted(now: Timestamp, request_end: Date) -> Consent {
        let until = (request_end + Duration::days(DAYS_AFTER_END)).with_time(Time::MIDNIGHT).assume_utc();
        let expires_at = Timestamp::from_datetime(until).max(now + Duration::days(MIN_DAYS));
        Consent { granted_at: now, expires_at, ended_at: None, ended_because: None }
    }

    pub fn is_active(&self, now: Timestamp) -> bool {
        self.ended_at.is_none() && now < self.expires_at
    }
}

/// What a member of the host institution may see of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HostView {
    /// Nothing: the candidate does not exist for them (404).
    Nothing,
    /// The expert's name and the mission's facts, nothing else.
    MissionRecord,
    /// Name, contact details and full profile.
    Full,
}

/// What the host sees of a candidate who is `status`, with `consent` if one was given, and a
/// mission if selected.
pub fn host_view(status: Status, consent: Option<&Consent>, has_mission: bool, now: Timestamp) -> HostView {
    if status.has_accepted() && consent.is_some_and(|c| c.is_active(now)) {
        HostView::Full
    } else if status == Status::Selected && has_mission {
        HostView::MissionRecord
    } else {
        HostView::Nothing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    #[test]
    fn consent_lasts_past_the_request_and_at_least_a_month() {
        let now = Timestamp::from_datetime(datetime!(2027-02-01 10:00 UTC));
        let consent = Consent::granted(now, date!(2027 - 03 - 31));
        assert_eq!(consent.expires_at, at("2027-06-29T00:00:00Z"));
        assert!(consent.is_active(now) && !consent.is_active(at("2027-06-29T00:00:00Z")));
        let past = Consent::granted(now, date!(2026 - 01 - 01));
        assert_eq!(past.expires_at, now + Duration::days(MIN_DAYS));
        let withdrawn = Consent { ended_at: Some(now), ended_because: Some(ENDED_WITHDRAWN.into()), ..consent };
        assert!(!withdrawn.is_active(now));
    }

    #[test]
    fn the_host_sees_nothing_before_acceptance_everything_with_consent_and_the_record_after() {
        let now = at("2027-02-01T10:00:00Z");
        let live = Consent::granted(now, date!(2027 - 03 - 31));
        let ended = Consent { ended_at: Some(now), ended_because: Some(ENDED_WITHDRAWN.into()), ..live.clone() };
        for status in [Status::Shortlisted, Status::Invited, Status::Declined, Status::Expired] {
            assert_eq!(host_view(status, None, false, now), HostView::Nothing, "{status}");
        }
        for status in [Status::Accepted, Status::Proposed, Status::HostApproved, Status::Selected] {
            assert_eq!(host_view(status, Some(&live), status == Status::Selected, now), HostView::Full, "{status}");
            assert_eq!(host_view(status, Some(&ended), false, now), HostView::Nothing, "{status}");
        }
        assert_eq!(host_view(Status::Selected, Some(&ended), true, now), HostView::MissionRecord);
        let later = live.expires_at + Duration::days(1);
        assert_eq!(host_view(Status::Selected, Some(&live), true, later), HostView::MissionRecord);
        for status in [Status::Withdrawn, Status::HostDeclined] {
            assert_eq!(host_view(status, Some(&ended), false, now), HostView::Nothing);
        }
    }
}
