//! Requests and the pipeline in words, in the reader's language: statuses and their badges,
//! the buttons of each step, refusals, notifications; where and when a mission takes place,
//! categories of costs, months.

use crate::i18n;
use crate::page::PageContext;
use passerelle_core::Country;
use passerelle_core::{Locale, parse_date};
use passerelle_missions::candidates::{self, Status as CandidateStatus};
use passerelle_missions::costs::CostCategory;
use passerelle_missions::lifecycle::{self, Status as MissionStatus};
use passerelle_missions::notifications::{Notification, kinds};
use passerelle_missions::requests::{Mode, Timing};

pub fn candidate_status(page: &PageContext, status: CandidateStatus) -> String {
    page.t(&format!("candidate-status-{}", status.code()))
}

pub fn candidate_class(status: CandidateStatus) -> &'static str {
    match status {
        CandidateStatus::Shortlisted | CandidateStatus::Expired | CandidateStatus::Withdrawn => "",
        CandidateStatus::Invited | CandidateStatus::Proposed => "warn",
        CandidateStatus::Accepted | CandidateStatus::HostApproved | CandidateStatus::Selected => "ok",
        CandidateStatus::Declined | CandidateStatus::HostDeclined => "error",
    }
}

pub fn mission_status(page: &PageContext, status: MissionStatus) -> String {
    page.t(&format!("mission-status-{}", status.code()))
}

pub fn mission_class(status: MissionStatus) -> &'static str {
    match status {
        MissionStatus::Planned | MissionStatus::Closed => "",
        MissionStatus::Approved | MissionStatus::Preparing | MissionStatus::Completed => "warn",
        MissionStatus::InProgress | MissionStatus::Reported | MissionStatus::Evaluated => "ok",
        MissionStatus::Cancelled => "error",
    }
}

/// A button of a candidate's step: (target code, label, whether a reason is needed).
pub fn candidate_action(page: &PageContext, to: CandidateStatus) -> (&'static str, String, bool) {
    (to.code(), page.t(&format!("candidate-action-{}", to.code())), candidates::pipeline::reason_required(to))
}

/// A button of a mission's step: (target code, label, class).
pub fn mission_action(page: &PageContext, to: MissionStatus) -> (&'static str, String, &'static str) {
    let class = match to {
        MissionStatus::Cancelled => "danger",
        _ => "",
    };
    (to.code(), page.t(&format!("mission-action-{}", to.code())), class)
}

pub fn candidate_refusal(page: &PageContext, refusal: &candidates::Refusal) -> String {
    use candidates::Refusal as R;
    let status = |s: CandidateStatus| candidate_status(page, s);
    let args: Vec<(&str, String)> = match refusal {
        R::Unchanged { status: s } => vec![("status", status(*s))],
        R::NoSuchStep { from, to } | R::NotYours { from, to, .. } => vec![("from", status(*from)), ("to", status(*to))],
        R::ReasonTooLong { max } => vec![("max", max.to_string())],
        R::ReplyByOutOfRange { max_days } => vec![("days", max_days.to_string())],
        _ => vec![],
    };
    let key = format!("candidate-refusal-{}", refusal.code().trim_start_matches("candidate."));
    i18n::text_with(page.locale, &key, &args)
}

pub fn mission_refusal(page: &PageContext, refusal: &lifecycle::Refusal) -> String {
    use lifecycle::Refusal as R;
    let status = |s: MissionStatus| mission_status(page, s);
    let args: Vec<(&str, String)> = match refusal {
        R::Unchanged { status: s } => vec![("status", status(*s))],
        R::NoSuchStep { from, to } | R::NotYours { from, to, .. } => vec![("from", status(*from)), ("to", status(*to))],
        R::CommentTooLong { max } => vec![("max", max.to_string())],
        _ => vec![],
    };
    let key = format!("mission-refusal-{}", refusal.code().trim_start_matches("mission."));
    i18n::text_with(page.locale, &key, &args)
}

/// Why a change of a mission was refused, in words.
pub fn mission_change_error(page: &PageContext, error: &lifecycle::ChangeError) -> String {
    match error {
        lifecycle::ChangeError::Refused(refusal) => mission_refusal(page, refusal),
        lifecycle::ChangeError::Extension(refusal) => {
            page.t(&format!("extension-refusal-{}", refusal.code().trim_start_matches("extension.")))
        }
        lifecycle::ChangeError::Booked => page.t("mission-refusal-booked"),
        lifecycle::ChangeError::NotNow { status } => {
            page.t1("mission-refusal-not-now", "status", mission_status(page, *status))
        }
        lifecycle::ChangeError::ExtensionPending => page.t("extension-refusal-pending"),
        lifecycle::ChangeError::NoPendingExtension => page.t("extension-refusal-none-pending"),
        other => other.to_string(),
    }
}

/// A notification in words: what happened, with the request's title and the detail (a day is
/// written in the reader's way, a status in words).
pub fn notification(locale: Locale, kind: &str, title: &str, detail: &str) -> String {
    use passerelle_missions::notifications::kinds;
    let title = ("title", title.to_owned());
    // A mission's new state reads as a sentence of its own ("The mission … has started"),
    // not as a badge's label quoted in the middle of one.
    if kind == kinds::MISSION_STATUS
        && let Ok(status) = MissionStatus::parse(detail)
    {
        return i18n::text_with(locale, &format!("mission-now-{}", status.code()), &[title]);
    }
    let detail = match parse_date(detail) {
        Ok(day) => crate::format::date(locale, day),
        Err(_) if kind == kinds::EXTENSION_DECIDED && matches!(detail, "approved" | "refused") => {
            i18n::text(locale, &format!("extension-decision-{detail}"))
        }
        Err(_) => detail.to_owned(),
    };
    i18n::text_with(locale, &format!("notification-{kind}"), &[title, ("detail", detail)])
}

/// Where a notification leads its reader.
pub fn notification_link(kind: &str, item_kind: &str, subject: &str, reader_is_expert: bool) -> String {
    match item_kind {
        // A message links to its conversation, the same page for every party.
        "candidate" if kind == kinds::MESSAGE => format!("/candidates/{subject}/messages"),
        "mission" if kind == kinds::MESSAGE => format!("/missions/{subject}/messages"),
        "candidate" if reader_is_expert => format!("/invitations/{subject}"),
        "candidate" => format!("/candidates/{subject}"),
        "mission" => format!("/missions/{subject}"),
        "request" => format!("/requests/{subject}"),
        "institution" => format!("/institutions/{subject}"),
        _ => format!("/calls/{subject}"),
    }
}

/// The words of an inbox line.
pub fn inbox_line(page: &PageContext, item: &Notification) -> String {
    notification(page.locale, &item.kind, &item.title, &item.detail)
}

/// "5 days" / "1 day".
pub fn days_text(page: &PageContext, days: u32) -> String {
    page.t1("request-days", "days", days)
}

/// Where a mission takes place: "Kigali, Rwanda", "Rwanda", or remote.
pub fn place_text(page: &PageContext, country: Option<Country>, city: &str) -> String {
    match country {
        Some(country) if city.is_empty() => country.name(page.locale).to_owned(),
        Some(country) => format!("{city}, {}", country.name(page.locale)),
        None => page.t("request-place-remote"),
    }
}

/// Fixed dates or a flexible window, in short, for lists: "15 Dec 2026 – 4 Jan 2027 (21 days)".
pub fn timing_short(page: &PageContext, timing: Timing) -> String {
    let range = timing.range();
    let args = [
        ("start", page.short_date(range.start())),
        ("end", page.short_date(range.end())),
        ("duration", days_text(page, timing.duration_days())),
    ];
    let key = match timing {
        Timing::Fixed(_) => "request-timing-fixed-short",
        Timing::Flexible { .. } => "request-timing-flexible-short",
    };
    i18n::text_with(page.locale, key, &args)
}

/// Fixed dates or a flexible window, in words.
pub fn timing_text(page: &PageContext, timing: Timing) -> String {
    let range = timing.range();
    let args = [
        ("start", page.date(range.start())),
        ("end", page.date(range.end())),
        ("duration", days_text(page, timing.duration_days())),
    ];
    let key = match timing {
        Timing::Fixed(_) => "request-timing-fixed-text",
        Timing::Flexible { .. } => "request-timing-flexible-text",
    };
    i18n::text_with(page.locale, key, &args)
}

pub fn mode_text(page: &PageContext, mode: Mode) -> String {
    match mode {
        Mode::Hybrid { days_on_site } => page.t1("request-mode-hybrid-text", "days", days_text(page, days_on_site)),
        other => page.t(&format!("request-mode-{}", other.kind().code())),
    }
}

/// A category of costs in words.
pub fn category_label(page: &PageContext, category: CostCategory) -> String {
    page.t(&format!("cost-category-{}", category.code()))
}

/// A month as its name and year: "March 2027" / "mars 2027".
pub(crate) fn month_label(page: &PageContext, first: time::Date) -> String {
    let long = page.date(first);
    // "1 March 2027" / "1er mars 2027" → "March 2027" / "mars 2027".
    long.split_once(' ').map_or(long.clone(), |(_, rest)| rest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_missions::notifications::kinds;

    fn page(locale: Locale) -> PageContext {
        PageContext { locale, path: "/".into(), user: None, csrf: String::new() }
    }

    fn translated(text: &str) {
        assert!(!text.contains('{') && !text.contains("-status-") && !text.contains("refusal-"), "{text}");
    }

    #[test]
    fn every_status_step_refusal_and_notification_has_words() {
        for locale in Locale::ALL {
            let page = page(locale);
            for &status in CandidateStatus::ALL {
                translated(&candidate_status(&page, status));
                let (_, label, _) = candidate_action(&page, status);
                assert!(!label.starts_with("candidate-action"), "{label}");
            }
            for &status in MissionStatus::ALL {
                translated(&mission_status(&page, status));
                let (_, label, _) = mission_action(&page, status);
                assert!(!label.starts_with("mission-action"), "{label}");
            }
            use candidates::Refusal as C;
            for refusal in [
                C::Unchanged { status: CandidateStatus::Invited },
                C::NoSuchStep { from: CandidateStatus::Invited, to: CandidateStatus::Selected },
                C::NotYours {
                    from: CandidateStatus::Invited,
                    to: CandidateStatus::Accepted,
                    by: passerelle_missions::Party::Staff,
                },
                C::RequestNotOpen,
                C::NoFreePosition,
                C::ExpertBooked,
                C::DeadlinePassed,
                C::ReasonRequired { to: CandidateStatus::Declined },
                C::ReasonTooLong { max: 900 },
                C::ReasonControl { character: '\0' },
                C::ReplyByRequired,
                C::ReplyByOutOfRange { max_days: 60 },
            ] {
                translated(&candidate_refusal(&page, &refusal));
            }
            use lifecycle::Refusal as M;
            for refusal in [
                M::Unchanged { status: MissionStatus::Planned },
                M::NoSuchStep { from: MissionStatus::Planned, to: MissionStatus::Closed },
                M::NotYours {
                    from: MissionStatus::Planned,
                    to: MissionStatus::Approved,
                    by: passerelle_missions::Party::Host,
                },
                M::ChecklistIncomplete,
                M::ReportMissing,
                M::EvaluationMissing,
                M::DateInFuture,
                M::EndBeforeStart,
                M::ReasonRequired { to: MissionStatus::Cancelled },
                M::EarlyEndReasonRequired,
                M::CommentTooLong { max: 900 },
                M::CommentControl { character: '\u{202e}' },
            ] {
                translated(&mission_refusal(&page, &refusal));
            }
            use lifecycle::{ChangeError as E, ExtensionRefusal as X};
            for error in [
                E::Extension(X::Closed { status: MissionStatus::Closed }),
                E::Extension(X::NotLater),
                E::Extension(X::ReasonRequired),
                E::Extension(X::ReasonTooLong { max: 900 }),
                E::Extension(X::ReasonControl { character: '\u{7}' }),
                E::Extension(X::NoteControl { character: '\u{7}' }),
                E::Booked,
                E::NotNow { status: MissionStatus::Closed },
                E::ExtensionPending,
                E::NoPendingExtension,
            ] {
                translated(&mission_change_error(&page, &error));
            }
            for kind in kinds::ALL {
                let text = notification(locale, kind, "Solar PV", "2027-03-01");
                assert!(!text.starts_with("notification-"), "{kind} in {locale}");
                translated(&text);
            }
            assert!(notification(locale, kinds::MISSION_STATUS, "x", "in_progress").len() > 5);
            let decided = notification(Locale::Fr, kinds::EXTENSION_DECIDED, "Solar PV", "approved");
            assert!(decided.contains("a été acceptée"), "an extension's decision, not a mission status: {decided}");
            for &status in MissionStatus::ALL {
                let text = notification(locale, kinds::MISSION_STATUS, "Solar PV", status.code());
                assert!(!text.starts_with("mission-now") && text.contains("Solar PV"), "{text}");
            }
        }
    }
}
