//! The pipeline against a real (temporary) database: a whole mission from the shortlist to its
//! closing, the consent and what the host sees, positions and bookings, reminders that survive
//! a restart, notifications emailed once, and erasure.

#[allow(dead_code)]
mod support;

use passerelle_accounts::audit;
use passerelle_core::{MissionId, Timestamp};
use passerelle_files::{Intake, Received, samples};
use passerelle_missions::candidates::{self, ChangeError, HostView, Input, Refusal, Source, Status};
use passerelle_missions::documents::{self, Owner};
use passerelle_missions::lifecycle::{self, Status as MissionStatus, logistics};
use passerelle_missions::messages;
use passerelle_missions::notifications::{self, kinds};
use passerelle_missions::requests::{self, By};
use passerelle_missions::{evaluations, reminders, reports, rights, stats};
use support::{World, runtime};
use time::Duration;

fn reason(text: &str) -> Input {
    Input { comment: text.into(), reply_by: None }
}

fn invitation(days: i64) -> Input {
    Input { comment: String::new(), reply_by: Some(Timestamp::now().date() + Duration::days(days)) }
}

async fn step(
    w: &World,
    by: By<'_>,
    id: passerelle_core::CandidateId,
    to: Status,
    input: &Input,
) -> candidates::Outcome {
    candidates::transition(&w.db, by, id, to, input, "").await.unwrap_or_else(|e| panic!("-> {to}: {e}"))
}

async fn mission_step(w: &World, by: By<'_>, id: MissionId, to: MissionStatus, comment: &str) {
    let input = lifecycle::Input { comment: comment.into(), date: None, override_proof: false };
    lifecycle::transition(&w.db, by, id, to, &input, "").await.unwrap_or_else(|e| panic!("-> {to}: {e}"));
}

async fn kinds_for(w: &World, user: passerelle_core::UserId) -> Vec<String> {
    notifications::inbox(&w.db, user, 100).await.unwrap().0.into_iter().map(|n| n.kind).collect()
}

#[test]
fn a_whole_mission_from_shortlist_to_closing() {
    runtime().block_on(async {
        let w = World::build().await;
        let expert = w.expert().await;
        let request = w.request(1, 0, 10, "hybrid").await;
        let coordinator = By::Person(&w.coordinator);

        let id = candidates::shortlist(&w.db, &w.coordinator, request, expert.id, Source::Match, "").await.unwrap();
        assert!(matches!(
            candidates::shortlist(&w.db, &w.coordinator, request, expert.id, Source::Search, "").await,
            Err(ChangeError::AlreadyCandidate(same)) if same == id
        ));
        let now = Timestamp::now();
        let shortlisted = candidates::get(&w.db, id).await.unwrap().unwrap();
        assert_eq!(candidates::party_for(&expert.actor, &shortlisted, now), None, "the expert knows nothing yet");
        assert_eq!(candidates::party_for(&w.member, &shortlisted, now), None, "nor does the host");

        step(&w, coordinator, id, Status::Invited, &invitation(7)).await;
        assert!(kinds_for(&w, expert.actor.user_id).await.contains(&kinds::INVITATION.to_owned()));
        let invited = candidates::get(&w.db, id).await.unwrap().unwrap();
        assert_eq!(invited.host_view(now), HostView::Nothing, "no consent, nothing for the host");
        assert!(candidates::party_for(&expert.actor, &invited, now).is_some());

        step(&w, By::Person(&expert.actor), id, Status::Accepted, &Input::default()).await;
        let accepted = candidates::get(&w.db, id).await.unwrap().unwrap();
        let consent = accepted.consent.clone().expect("consent recorded");
        assert!(consent.is_active(Timestamp::now()) && consent.expires_at > Timestamp::now() + Duration::days(30));
        assert_eq!(accepted.host_view(Timestamp::now()), HostView::Full);
        assert!(kinds_for(&w, w.coordinator.user_id).await.contains(&kinds::CANDIDATE_ACCEPTED.to_owned()));

        step(&w, coordinator, id, Status::Proposed, &Input::default()).await;
        assert!(kinds_for(&w, w.member.user_id).await.contains(&kinds::CANDIDATE_PROPOSED.to_owned()));
        assert!(
            candidates::transition(&w.db, By::Person(&w.other_member), id, Status::HostApproved, &Input::default(), "")
                .await
                .is_err_and(|e| matches!(e, ChangeError::NotFound))
        );
        step(&w, By::Person(&w.member), id, Status::HostApproved, &Input::default()).await;
        let selected = step(&w, coordinator, id, Status::Selected, &Input::default()).await;
        assert!(selected.request_staffed, "one position, filled");
        assert_eq!(w.request_status(request).await, requests::Status::Staffed);
        let mission_id = selected.mission.expect("a mission");

        let mission = lifecycle::get(&w.db, mission_id).await.unwrap().unwrap();
        assert_eq!(
            (mission.status, mission.expert, mission.mode),
            (MissionStatus::Planned, Some(expert.id), requests::ModeKind::Hybrid)
        );
        assert_eq!(mission.phases.len(), 2, "three days on site, then remote");
        let booked = lifecycle::booking::of_experts(&w.db, &[expert.id]).await.unwrap();
        assert_eq!(booked[&expert.id].periods, vec![mission.planned]);

        mission_step(&w, coordinator, mission_id, MissionStatus::Approved, "").await;
        mission_step(&w, coordinator, mission_id, MissionStatus::Preparing, "").await;
        let refused = lifecycle::transition(
            &w.db,
            coordinator,
            mission_id,
            MissionStatus::InProgress,
            &lifecycle::Input::default(),
            "",
        )
        .await;
        assert!(matches!(refused, Err(lifecycle::ChangeError::Refused(lifecycle::Refusal::ChecklistIncomplete))));
        for item in logistics::Item::ALL {
            let entry = logistics::entry(*item, "done", "", "ok", Timestamp::now().date()).unwrap();
            lifecycle::set_checklist_item(&w.db, &w.coordinator, mission_id, &entry, "").await.unwrap();
        }
        // The visa, ticket and insurance are done without their documents: no start without
        // a coordinator's override, which needs a reason and is in the history.
        let refused = lifecycle::transition(
            &w.db,
            coordinator,
            mission_id,
            MissionStatus::InProgress,
            &lifecycle::Input::default(),
            "",
        )
        .await;
        assert!(matches!(
            refused,
            Err(lifecycle::ChangeError::Refused(lifecycle::Refusal::ProofMissing { item: logistics::Item::Visa }))
        ));
        let unexplained = lifecycle::Input { override_proof: true, ..Default::default() };
        let refused =
            lifecycle::transition(&w.db, coordinator, mission_id, MissionStatus::InProgress, &unexplained, "").await;
        assert!(matches!(refused, Err(lifecycle::ChangeError::Refused(lifecycle::Refusal::OverrideReasonRequired))));
        let overridden = lifecycle::Input {
            override_proof: true,
            comment: "Papers seen at the embassy".into(),
            ..Default::default()
        };
        lifecycle::transition(&w.db, coordinator, mission_id, MissionStatus::InProgress, &overridden, "")
            .await
            .unwrap();
        let history = lifecycle::history(&w.db, mission_id).await.unwrap();
        assert!(
            history
                .iter()
                .any(|e| e.action == "mission.proof_override" && e.detail == "visa: Papers seen at the embassy")
        );
        let entry = logistics::entry(logistics::Item::Visa, "done", "", "", Timestamp::now().date()).unwrap();
        assert!(matches!(
            lifecycle::set_checklist_item(&w.db, &expert.actor, mission_id, &entry, "").await,
            Err(lifecycle::ChangeError::Forbidden)
        ));

        // An extension asked by the expert and approved moves the end, and the booking with it.
        let later = mission.planned.end() + Duration::days(5);
        lifecycle::request_extension(&w.db, &expert.actor, mission_id, later, "Two more modules asked", "")
            .await
            .unwrap();
        assert!(matches!(
            lifecycle::request_extension(&w.db, &expert.actor, mission_id, later, "again", "").await,
            Err(lifecycle::ChangeError::ExtensionPending)
        ));
        lifecycle::decide_extension(&w.db, &w.coordinator, mission_id, true, "", "").await.unwrap();
        let extended = lifecycle::get(&w.db, mission_id).await.unwrap().unwrap();
        assert_eq!(extended.planned.end(), later);
        assert_eq!(extended.phases.last().unwrap().days.end(), later, "the last phase follows");

        mission_step(&w, coordinator, mission_id, MissionStatus::Completed, "Ended early: exams.").await;
        let completed = lifecycle::get(&w.db, mission_id).await.unwrap().unwrap();
        assert_eq!(completed.report_due, Some(Timestamp::now().date() + Duration::days(lifecycle::REPORT_DUE_DAYS)));
        assert!(lifecycle::booking::of_experts(&w.db, &[expert.id]).await.unwrap().is_empty(), "no longer booked");
        assert!(kinds_for(&w, expert.actor.user_id).await.contains(&kinds::REPORT_DUE.to_owned()));

        let typed = reports::ReportInput {
            activities: "Twelve sessions on PV sizing and installation.".into(),
            institutions_reached: "1".into(),
            people: vec![
                ("trainers".into(), "3".into(), "9".into(), "".into()),
                ("students".into(), "80".into(), "100".into(), "".into()),
            ],
            ..Default::default()
        };
        let fields = typed.validate().unwrap();
        assert!(matches!(
            reports::submit(&w.db, &w.member, mission_id, &fields, "").await,
            Err(lifecycle::ChangeError::Forbidden)
        ));
        reports::submit(&w.db, &expert.actor, mission_id, &fields, "").await.unwrap();
        assert_eq!(reports::get(&w.db, mission_id).await.unwrap().unwrap().fields.trained(), 12);
        assert!(kinds_for(&w, w.member.user_id).await.contains(&kinds::EVALUATION_REQUESTED.to_owned()));

        let rated = evaluations::EvaluationInput {
            ratings: evaluations::Criterion::ALL.iter().map(|c| (c.code().into(), "5".into())).collect(),
            comments: "Our teachers now run the PV module alone.".into(),
        };
        evaluations::submit(&w.db, &w.member, mission_id, &rated.validate().unwrap(), "").await.unwrap();
        let booked = lifecycle::booking::of_experts(&w.db, &[expert.id]).await.unwrap();
        assert_eq!(booked[&expert.id].rating, Some((5.0, 1)), "the rating is part of the expert's record");
        mission_step(&w, coordinator, mission_id, MissionStatus::Closed, "").await;

        // The figures count it, over a long period as over its month.
        let today = Timestamp::now().date();
        for period in [
            passerelle_core::DateRange::new(today - Duration::days(36_500), today + Duration::days(3650)).unwrap(),
            passerelle_core::DateRange::new(stats::month_start(today), today).unwrap(),
        ] {
            let filter = stats::Filter { programme: Some(w.programme), country: None, sector: None, period };
            let figures = stats::figures(&w.db, &filter, today).await.unwrap();
            let closed = figures.missions_by_status.iter().find(|(s, _)| *s == MissionStatus::Closed).unwrap().1;
            assert_eq!((closed, figures.trained, figures.reached, figures.missions_deployed), (1, 12, 180, 1));
            assert_eq!(figures.expert_days, (1, 0), "one day, on site (the hybrid mission's first phase)");
            assert_eq!(figures.rating, Some((5.0, 1)));
            assert_eq!(figures.missions[0].days, (1, 0));
            assert!(figures.days_to_staff.is_some_and(|(days, n)| days < 1.0 && n == 1));
        }

        let actions: Vec<String> =
            lifecycle::history(&w.db, mission_id).await.unwrap().into_iter().map(|e| e.action).collect();
        for expected in [
            "mission.create",
            "mission.approve",
            "mission.prepare",
            "mission.checklist",
            "mission.start",
            "mission.extension_request",
            "mission.extension_approve",
            "mission.complete",
            "mission.report_file",
            "mission.report",
            "mission.evaluation_file",
            "mission.evaluate",
            "mission.close",
        ] {
            assert!(actions.contains(&expected.to_owned()), "{expected} missing from {actions:?}");
        }
        let candidate_actions: Vec<String> =
            audit::history(&w.db, "candidate", &id.to_string()).await.unwrap().into_iter().map(|e| e.action).collect();
        assert_eq!(
            candidate_actions,
            [
                "candidate.shortlist",
                "candidate.invite",
                "candidate.accept",
                "consent.share",
                "candidate.propose",
                "candidate.host_approve",
                "candidate.select"
            ]
        );
    });
}

#[test]
fn positions_and_bookings_are_never_exceeded() {
    runtime().block_on(async {
        let w = World::build().await;
        let (a, b) = (w.expert().await, w.expert().await);
        let first = w.request(1, 10, 10, "on_site").await;
        let overlapping = w.request(2, 15, 10, "on_site").await;
        let coordinator = By::Person(&w.coordinator);
        let mut ready = Vec::new();
        for (request, expert) in [(first, &a), (first, &b), (overlapping, &a)] {
            let id = candidates::shortlist(&w.db, &w.coordinator, request, expert.id, Source::Match, "").await.unwrap();
            step(&w, coordinator, id, Status::Invited, &invitation(3)).await;
            step(&w, By::Person(&expert.actor), id, Status::Accepted, &Input::default()).await;
            step(&w, coordinator, id, Status::Proposed, &Input::default()).await;
            step(&w, By::Person(&w.member), id, Status::HostApproved, &Input::default()).await;
            ready.push(id);
        }
        step(&w, coordinator, ready[0], Status::Selected, &Input::default()).await;
        let full = candidates::transition(&w.db, coordinator, ready[1], Status::Selected, &Input::default(), "").await;
        assert!(
            matches!(full, Err(ChangeError::Refused(Refusal::RequestNotOpen | Refusal::NoFreePosition))),
            "{full:?}"
        );
        let booked =
            candidates::transition(&w.db, coordinator, ready[2], Status::Selected, &Input::default(), "").await;
        assert!(matches!(booked, Err(ChangeError::Refused(Refusal::ExpertBooked))), "{booked:?}");

        // Cancelling the first mission frees both the position and the expert's days.
        let mission = candidates::get(&w.db, ready[0]).await.unwrap().unwrap().mission.unwrap();
        mission_step(&w, coordinator, mission, MissionStatus::Cancelled, "Visa refused.").await;
        assert_eq!(w.request_status(first).await, requests::Status::Approved, "reopened");
        step(&w, coordinator, ready[2], Status::Selected, &Input::default()).await;
        step(&w, coordinator, ready[1], Status::Selected, &Input::default()).await;
        assert_eq!(w.request_status(first).await, requests::Status::Staffed);
    });
}

#[test]
fn withdrawing_consent_hides_the_expert_from_the_host() {
    runtime().block_on(async {
        let w = World::build().await;
        let expert = w.expert().await;
        let request = w.request(1, 20, 5, "remote").await;
        let coordinator = By::Person(&w.coordinator);
        let id = candidates::shortlist(&w.db, &w.coordinator, request, expert.id, Source::Search, "").await.unwrap();
        step(&w, coordinator, id, Status::Invited, &invitation(5)).await;
        step(&w, By::Person(&expert.actor), id, Status::Accepted, &Input::default()).await;
        step(&w, coordinator, id, Status::Proposed, &Input::default()).await;
        assert!(matches!(candidates::withdraw_consent(&w.db, &w.member, id, "").await, Err(ChangeError::Forbidden)));
        candidates::withdraw_consent(&w.db, &expert.actor, id, "").await.unwrap();
        let after = candidates::get(&w.db, id).await.unwrap().unwrap();
        assert_eq!(after.status, Status::Withdrawn, "the host cannot choose whom it cannot see");
        assert_eq!(after.host_view(Timestamp::now()), HostView::Nothing);
        assert_eq!(candidates::party_for(&w.member, &after, Timestamp::now()), None);
        assert!(matches!(
            candidates::withdraw_consent(&w.db, &expert.actor, id, "").await,
            Err(ChangeError::NoConsent)
        ));
        let declined = w.expert().await;
        let other =
            candidates::shortlist(&w.db, &w.coordinator, request, declined.id, Source::Match, "").await.unwrap();
        step(&w, coordinator, other, Status::Invited, &invitation(5)).await;
        let no_reason =
            candidates::transition(&w.db, By::Person(&declined.actor), other, Status::Declined, &Input::default(), "")
                .await;
        assert!(matches!(no_reason, Err(ChangeError::Refused(Refusal::ReasonRequired { .. }))));
        step(&w, By::Person(&declined.actor), other, Status::Declined, &reason("Not available in March.")).await;
        assert_eq!(candidates::get(&w.db, other).await.unwrap().unwrap().reason, "Not available in March.");
    });
}

#[test]
fn reminders_are_sent_once_even_across_restarts() {
    let rt = runtime();
    let w = rt.block_on(World::build());
    let (expert, candidate) = rt.block_on(async {
        let expert = w.expert().await;
        let request = w.request(1, 30, 5, "on_site").await;
        let id = candidates::shortlist(&w.db, &w.coordinator, request, expert.id, Source::Match, "").await.unwrap();
        step(&w, By::Person(&w.coordinator), id, Status::Invited, &invitation(5)).await;
        (expert, id)
    });
    let subject = candidate.to_string();
    let count = |db: &passerelle_db::Db, kind: &'static str, user| {
        let db = db.clone();
        async move { notifications::all_of(&db, user).await.unwrap().iter().filter(|n| n.kind == kind).count() }
    };
    let scheduled = rt.block_on(reminders::of_subject(&w.db, &subject)).unwrap();
    assert_eq!(
        scheduled.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(),
        [reminders::kinds::INVITATION_REMINDER, reminders::kinds::INVITATION_EXPIRY]
    );
    let reminder_due = scheduled[0].due_at;
    rt.block_on(async {
        assert_eq!(reminders::run_due(&w.db, reminder_due - Duration::seconds(1)).await.unwrap(), 0, "not due yet");
        // Two schedulers at once (two processes, or a retry): one sends.
        let (a, b) = tokio::join!(reminders::run_due(&w.db, reminder_due), reminders::run_due(&w.db, reminder_due));
        assert_eq!(a.unwrap() + b.unwrap(), 1);
        assert_eq!(count(&w.db, kinds::INVITATION_REMINDER, expert.actor.user_id).await, 1);
        w.db.close().await;
    });
    // A restart: the same database opened anew sends nothing again, then expires the invitation.
    let rt = runtime();
    rt.block_on(async {
        let db = w.db.reopen().await.unwrap();
        assert_eq!(reminders::run_due(&db, reminder_due + Duration::hours(1)).await.unwrap(), 0);
        assert_eq!(count(&db, kinds::INVITATION_REMINDER, expert.actor.user_id).await, 1);
        let expiry = reminders::of_subject(&db, &subject).await.unwrap()[1].due_at;
        assert_eq!(reminders::run_due(&db, expiry).await.unwrap(), 1);
        assert_eq!(candidates::get(&db, candidate).await.unwrap().unwrap().status, Status::Expired);
        assert_eq!(count(&db, kinds::INVITATION_EXPIRED, expert.actor.user_id).await, 1);
        assert_eq!(reminders::run_due(&db, expiry + Duration::days(30)).await.unwrap(), 0);
        let history = audit::history(&db, "candidate", &subject).await.unwrap();
        assert_eq!(history.last().unwrap().action, "candidate.expire");
        assert_eq!(history.last().unwrap().actor_label, "passerelle");
    });
}

#[test]
fn a_pending_email_is_claimed_once_and_preferences_are_kept() {
    runtime().block_on(async {
        let w = World::build().await;
        let expert = w.expert().await;
        let request = w.request(1, 30, 5, "on_site").await;
        let mut tx = w.db.begin().await.unwrap();
        notifications::set_wants_email(&mut tx, w.member.user_id, false).await.unwrap();
        tx.commit().await.unwrap();
        let id = candidates::shortlist(&w.db, &w.coordinator, request, expert.id, Source::Match, "").await.unwrap();
        step(&w, By::Person(&w.coordinator), id, Status::Invited, &invitation(5)).await;
        step(&w, By::Person(&expert.actor), id, Status::Accepted, &Input::default()).await;
        step(&w, By::Person(&w.coordinator), id, Status::Proposed, &Input::default()).await;
        let pending = notifications::pending_emails(&w.db, 100).await.unwrap();
        assert!(pending.iter().any(|p| p.user_id == expert.actor.user_id && p.kind == kinds::INVITATION));
        assert!(pending.iter().all(|p| p.user_id != w.member.user_id), "the member wants the inbox only");
        assert!(kinds_for(&w, w.member.user_id).await.contains(&kinds::CANDIDATE_PROPOSED.to_owned()));
        let first = pending[0].id;
        let mut tx = w.db.begin().await.unwrap();
        assert!(notifications::mark_emailed(&mut tx, first).await.unwrap());
        assert!(!notifications::mark_emailed(&mut tx, first).await.unwrap(), "claimed once");
        tx.commit().await.unwrap();
        // The member was told of the request's approval too (issue 13 item 4): all are read at once.
        let told = kinds_for(&w, w.member.user_id).await;
        assert!(told.contains(&kinds::REQUEST_APPROVED.to_owned()), "{told:?}");
        assert_eq!(notifications::mark_read(&w.db, w.member.user_id, None).await.unwrap(), told.len() as u64);
        assert_eq!(notifications::unread(&w.db, w.member.user_id).await.unwrap(), 0);
    });
}

#[test]
fn erasure_keeps_the_mission_record_without_the_expert() {
    runtime().block_on(async {
        let w = World::build().await;
        let expert = w.expert().await;
        let request = w.request(1, 0, 3, "on_site").await;
        let coordinator = By::Person(&w.coordinator);
        let id = candidates::shortlist(&w.db, &w.coordinator, request, expert.id, Source::Match, "").await.unwrap();
        step(&w, coordinator, id, Status::Invited, &invitation(2)).await;
        step(&w, By::Person(&expert.actor), id, Status::Accepted, &Input::default()).await;
        step(&w, coordinator, id, Status::Proposed, &Input::default()).await;
        step(&w, By::Person(&w.member), id, Status::HostApproved, &Input::default()).await;
        let mission = step(&w, coordinator, id, Status::Selected, &Input::default()).await.mission.unwrap();
        mission_step(&w, coordinator, mission, MissionStatus::Approved, "").await;
        mission_step(&w, coordinator, mission, MissionStatus::Preparing, "").await;
        for item in logistics::Item::ALL {
            let entry = logistics::entry(*item, "not_applicable", "", "", Timestamp::now().date()).unwrap();
            lifecycle::set_checklist_item(&w.db, &w.coordinator, mission, &entry, "").await.unwrap();
        }
        mission_step(&w, coordinator, mission, MissionStatus::InProgress, "").await;
        mission_step(&w, coordinator, mission, MissionStatus::Completed, "Short.").await;
        let typed = reports::ReportInput {
            activities: "Worked with Jean and Marie.".into(),
            people: vec![("staff".into(), "2".into(), "1".into(), "".into())],
            ..Default::default()
        };
        reports::submit(&w.db, &expert.actor, mission, &typed.validate().unwrap(), "").await.unwrap();

        // Documents and a conversation: a CV on the profile, the visa on the mission (the
        // expert's), an attendance list the host uploaded, a word from each side.
        let files = documents::Files::in_memory();
        let upload = |owner, category: &str, bytes: Vec<u8>, name: &'static str, by: passerelle_accounts::Actor| {
            let files = files.clone();
            let db = w.db.clone();
            let input = documents::UploadInput { category: category.into(), ..Default::default() };
            async move {
                let received = receive(&files, &bytes).await;
                let upload = documents::Upload { owner, input: &input, name, received: &received };
                documents::add(&db, &files, &by, &upload, "").await.unwrap()
            }
        };
        let cv = upload(Owner::Expert(expert.id), "cv", samples::docx("CV"), "cv.docx", expert.actor.clone()).await;
        let visa =
            upload(Owner::Mission(mission), "visa", samples::pdf("Visa"), "visa.pdf", expert.actor.clone()).await;
        let attendance =
            upload(Owner::Mission(mission), "annex", samples::pdf("Attendance"), "attendance.pdf", w.member.clone())
                .await;
        let thread = messages::Subject::Mission(mission);
        messages::post(&w.db, &files, &w.coordinator, thread, "How did the last week go?", &[], "").await.unwrap();
        let note = receive(&files, b"Notes of the last week").await;
        messages::post(
            &w.db,
            &files,
            &expert.actor,
            thread,
            "Very well, notes attached.",
            &[("notes.txt".into(), note)],
            "",
        )
        .await
        .unwrap();
        let conversation = messages::open(&w.db, &w.member, thread).await.unwrap().unwrap();
        assert_eq!(conversation.messages.len(), 2);
        let note = conversation.messages[1].attachments[0].clone();
        for document in [&cv, &visa, &attendance, &note] {
            assert!(files.store.exists(&document.hash).await.unwrap());
        }

        let export = rights::export_sections(&w.db, expert.id, Some(expert.actor.user_id)).await.unwrap();
        let exported: Vec<&str> =
            export["documents"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
        assert_eq!(
            exported,
            ["cv.docx", "visa.pdf", "notes.txt"],
            "the host's attendance list is not about the expert"
        );
        assert_eq!(export["conversations"][0]["messages"][1]["text"], "Very well, notes attached.");
        assert_eq!(export["invitations"].as_array().unwrap().len(), 1);
        assert_eq!(export["missions"][0]["report"]["fields"]["activities"], "Worked with Jean and Marie.");
        assert!(!export["notifications"].as_array().unwrap().is_empty());

        let event = audit::Event::by(Some(&w.coordinator), "profile.erase");
        assert!(rights::erase(&w.db, &files, expert.id, event).await.unwrap());
        for (document, kept) in [(&cv, false), (&visa, false), (&note, false), (&attendance, true)] {
            assert_eq!(files.store.exists(&document.hash).await.unwrap(), kept, "{}", document.name);
            assert_eq!(
                documents::get(&w.db, &w.coordinator, document.id).await.unwrap().is_some(),
                kept,
                "{}",
                document.name
            );
        }
        let after = messages::open(&w.db, &w.coordinator, thread).await.unwrap().unwrap();
        let words: Vec<(&str, bool)> = after.messages.iter().map(|m| (m.body.as_str(), m.erased)).collect();
        assert_eq!(words, [("How did the last week go?", false), ("", true)], "the other side's words stay");
        assert!(after.messages[1].attachments.is_empty());
        let kept = lifecycle::get(&w.db, mission).await.unwrap().unwrap();
        assert_eq!((kept.expert, kept.candidate, kept.expert_name), (None, None, None));
        let report = reports::get(&w.db, mission).await.unwrap().unwrap();
        assert_eq!((report.fields.activities.as_str(), report.fields.trained()), ("", 3), "figures stay, words go");
        assert!(candidates::get(&w.db, id).await.unwrap().is_none());
        assert!(notifications::all_of(&w.db, expert.actor.user_id).await.unwrap().is_empty());
    });
}

async fn receive(files: &documents::Files, bytes: &[u8]) -> Received {
    let mut intake = Intake::new(files.store.temp_dir(), 1 << 20).unwrap();
    intake.write(bytes).await.unwrap();
    intake.finish().await.unwrap()
}
