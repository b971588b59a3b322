//! Reminders on their recipient's clock (issue 13 item 4), against a real database: an expert
//! living in Tokyo is reminded of an invitation at 08:00 Tokyo time, and a week before their
//! mission starts with its logistics checklist not done, they and the coordinator are told (at
//! 08:00 Tokyo time); a checklist done in the meantime cancels the reminder. Request review
//! outcomes reach the host institution's members.

#[allow(dead_code)]
mod support;

use passerelle_core::{TimeZone, Timestamp};
use passerelle_missions::candidates::{self, Input, Source, Status};
use passerelle_missions::lifecycle::{self, logistics};
use passerelle_missions::notifications::{self, kinds};
use passerelle_missions::reminders;
use passerelle_missions::requests::By;
use support::{World, runtime};
use time::Duration;

async fn kinds_for(w: &World, user: passerelle_core::UserId) -> Vec<String> {
    notifications::inbox(&w.db, user, 100).await.unwrap().0.into_iter().map(|n| n.kind).collect()
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

#[test]
fn reminders_go_at_eight_on_the_experts_clock() {
    runtime().block_on(async {
        let w = World::build().await;
        let expert = w.expert().await;
        let tokyo = TimeZone::parse("Asia/Tokyo").unwrap();
        let mut tx = w.db.begin().await.unwrap();
        passerelle_accounts::users::set_time_zone(&mut tx, expert.actor.user_id, Some(&tokyo)).await.unwrap();
        tx.commit().await.unwrap();

        // Two missions, in 20 and 40 days: the first one's checklist gets done, the second's is
        // left as it is.
        let mut missions = Vec::new();
        for start in [20, 40] {
            let request = w.request(1, start, 10, "on_site").await;
            let id = candidates::shortlist(&w.db, &w.coordinator, request, expert.id, Source::Match, "").await.unwrap();
            let reply_by = Timestamp::now().date() + Duration::days(10);
            let invite = Input { comment: String::new(), reply_by: Some(reply_by) };
            step(&w, By::Person(&w.coordinator), id, Status::Invited, &invite).await;
            let due: Vec<_> = reminders::of_subject(&w.db, &id.to_string())
                .await
                .unwrap()
                .into_iter()
                .filter(|r| r.kind == reminders::kinds::INVITATION_REMINDER)
                .map(|r| r.due_at)
                .collect();
            let expected = tokyo.at_local(reply_by - Duration::days(2), 8, 0);
            assert_eq!(due, [expected], "08:00 in Tokyo, two days before the reply-by day");
            assert_eq!(expected.datetime().hour(), 23, "which is 23:00 UTC the day before");
            step(&w, By::Person(&expert.actor), id, Status::Accepted, &Input::default()).await;
            step(&w, By::Person(&w.coordinator), id, Status::Proposed, &Input::default()).await;
            step(&w, By::Person(&w.member), id, Status::HostApproved, &Input::default()).await;
            let selected = step(&w, By::Person(&w.coordinator), id, Status::Selected, &Input::default()).await;
            missions.push(selected.mission.unwrap());
        }
        let (done, left) = (missions[0], missions[1]);
        let mission = lifecycle::get(&w.db, left).await.unwrap().unwrap();
        let at = tokyo.at_local(mission.planned.start() - Duration::days(reminders::CHECKLIST_REMINDER_DAYS), 8, 0);
        let scheduled: Vec<_> = reminders::of_subject(&w.db, &left.to_string())
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == reminders::kinds::CHECKLIST_DUE && r.cancelled_at.is_none())
            .map(|r| r.due_at)
            .collect();
        assert_eq!(scheduled, [at], "a week before the start, 08:00 on the expert's clock");

        for item in logistics::Item::ALL {
            let entry = logistics::entry(*item, "done", "", "", Timestamp::now().date()).unwrap();
            lifecycle::set_checklist_item(&w.db, &w.coordinator, done, &entry, "").await.unwrap();
        }
        // Nothing is due before its time; at its time, only the mission whose checklist waits
        // is told, to the expert and to the coordinator.
        assert_eq!(reminders::run_due(&w.db, at - Duration::minutes(1)).await.unwrap(), 0);
        assert!(!kinds_for(&w, expert.actor.user_id).await.contains(&kinds::CHECKLIST_DUE.to_owned()));
        reminders::run_due(&w.db, at).await.unwrap();
        let told = notifications::inbox(&w.db, expert.actor.user_id, 100).await.unwrap().0;
        let checklist: Vec<_> = told.iter().filter(|n| n.kind == kinds::CHECKLIST_DUE).collect();
        assert_eq!(checklist.len(), 1);
        assert_eq!(checklist[0].subject_id, left.to_string());
        assert_eq!(checklist[0].detail, mission.planned.start().to_string());
        assert!(kinds_for(&w, w.coordinator.user_id).await.contains(&kinds::CHECKLIST_DUE.to_owned()));
        let skipped = reminders::of_subject(&w.db, &done.to_string()).await.unwrap();
        assert!(
            skipped.iter().any(|r| r.kind == reminders::kinds::CHECKLIST_DUE && r.cancelled_at.is_some()),
            "a checklist done: no reminder"
        );

        // Rescheduling the mission moves its reminder.
        let later = passerelle_core::DateRange::new(
            mission.planned.start() + Duration::days(10),
            mission.planned.end() + Duration::days(10),
        )
        .unwrap();
        let phases = logistics::initial_phases(passerelle_missions::requests::ModeKind::OnSite, None, later);
        lifecycle::set_schedule(&w.db, &w.coordinator, left, later, &phases, "").await.unwrap();
        let pending: Vec<_> = reminders::of_subject(&w.db, &left.to_string())
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == reminders::kinds::CHECKLIST_DUE && r.sent_at.is_none() && r.cancelled_at.is_none())
            .map(|r| r.due_at)
            .collect();
        assert_eq!(pending, [tokyo.at_local(later.start() - Duration::days(7), 8, 0)]);
    });
}
