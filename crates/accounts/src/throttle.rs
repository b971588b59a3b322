//! Throttling of sign-ins, per account and per client address.
//!
//! A few failures are free; after that each further failure doubles the wait before the next
//! attempt, up to a ceiling. The account's ceiling is short (5 minutes) so that an attacker
//! cannot lock a real user out for long; the address's is longer (15 minutes), since that is
//! where a guessing attack comes from. Counters forget after 15 quiet minutes, and a success
//! clears the account's. State is in memory: a restart forgives, which is acceptable for delays.
//!
//! The decision is taken in one critical section *before* the password is checked: an admitted
//! attempt is counted at once as if it failed, and a success gives that back. Checking first and
//! counting after the (slow, on purpose) password hash let any number of concurrent attempts
//! through before the first failure was counted.
//!
//! Refused attempts are tallied per block, not reported one by one: the caller hears when a block
//! refuses its first attempt and, at the next admitted attempt, how many the block refused, so that
//! the audit log gets a row or two per block instead of one per request.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub free_per_account: u32,
    pub max_delay_account: Duration,
    pub free_per_address: u32,
    pub max_delay_address: Duration,
    pub forget_after: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            free_per_account: 5,
            max_delay_account: Duration::from_secs(300),
            free_per_address: 20,
            max_delay_address: Duration::from_secs(900),
            forget_after: Duration::from_secs(900),
        }
    }
}

/// Entries kept before the quiet ones are swept out (bounds the memory an attacker can make us
/// use with made-up accounts).
const SWEEP_ABOVE: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

/// What a block is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Account,
    Address,
}

impl Scope {
    pub fn code(self) -> &'static str {
        match self {
            Scope::Account => "account",
            Scope::Address => "address",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Counter {
    /// Admitted attempts not given back by a success.
    count: u32,
    last: Instant,
    blocked_until: Instant,
    /// Attempts refused by the current (or last) block.
    refused: u32,
}

/// An attempt that may go on to the password check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Admitted {
    /// Blocks that ended since the last admitted attempt, with how many attempts each refused.
    pub ended_blocks: Vec<(Scope, u32)>,
}

/// An attempt refused without looking at the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttled {
    /// How long until an attempt may be admitted again.
    pub wait: Duration,
    /// What the longest block is on.
    pub scope: Scope,
    /// This is the first attempt the block refused (the moment to record it).
    pub block_started: bool,
}

#[derive(Debug, Default)]
pub struct LoginThrottle {
    limits: Limits,
    state: Mutex<HashMap<Key, Counter>>,
}

impl LoginThrottle {
    pub fn new(limits: Limits) -> Self {
        Self { limits, state: Mutex::default() }
    }

    /// Decides an attempt for `account` from `address`, and counts it when admitted. Call
    /// [`LoginThrottle::succeeded`] when its password turns out right.
    pub fn attempt(&self, account: &str, address: IpAddr) -> Result<Admitted, Throttled> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        // The instant is read under the lock, so that attempts are judged in the order of their
        // instants (read before it, a waiting attempt would carry an older one).
        judge(&mut state, self.limits, account, address, Instant::now())
    }

    #[cfg(test)]
    fn attempt_at(&self, account: &str, address: IpAddr, now: Instant) -> Result<Admitted, Throttled> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        judge(&mut state, self.limits, account, address, now)
    }

    /// The attempt's password was right: the account's counter is cleared, and the attempt is
    /// given back to the address (people behind one address sign in without being slowed).
    pub fn succeeded(&self, account: &str, address: IpAddr) {
        let free = self.limits.free_per_address;
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.remove(&Key::Account(account.to_owned()));
        if let Some(counter) = state.get_mut(&Key::Address(address)) {
            counter.count = counter.count.saturating_sub(1);
            if counter.count <= free {
                counter.blocked_until = counter.last;
            }
        }
    }
}

/// The wait after the `over`-th failure beyond the free ones: 1 s, 2 s, 4 s… up to `ceiling`.
fn delay(over: u32, ceiling: Duration) -> Duration {
    Duration::from_secs(1u64 << (over - 1).min(20)).min(ceiling)
}

/// One attempt against the counters: refused while either is blocked, else counted.
fn judge(
    state: &mut HashMap<Key, Counter>,
    limits: Limits,
    account: &str,
    address: IpAddr,
    now: Instant,
) -> Result<Admitted, Throttled> {
    let keys = [
        (Key::Account(account.to_owned()), Scope::Account, limits.free_per_account, limits.max_delay_account),
        (Key::Address(address), Scope::Address, limits.free_per_address, limits.max_delay_address),
    ];
    if state.len() > SWEEP_ABOVE {
        state.retain(|_, c| now.duration_since(c.last) < limits.forget_after);
    }
    for (key, ..) in &keys {
        if let Some(counter) = state.get_mut(key)
            && now.duration_since(counter.last) >= limits.forget_after
        {
            counter.count = 0;
            counter.blocked_until = now;
        }
    }
    // Refused when either counter is blocked: the block's tally grows, the counters do not
    // (hammering a blocked account must not lengthen a real user's wait).
    let mut refusal: Option<Throttled> = None;
    for (key, scope, ..) in &keys {
        let Some(counter) = state.get_mut(key) else { continue };
        let wait = counter.blocked_until.saturating_duration_since(now);
        if wait.is_zero() {
            continue;
        }
        counter.refused += 1;
        let started = counter.refused == 1;
        refusal = Some(match refusal {
            Some(r) if r.wait >= wait => Throttled { block_started: r.block_started || started, ..r },
            Some(r) => Throttled { wait, scope: *scope, block_started: r.block_started || started },
            None => Throttled { wait, scope: *scope, block_started: started },
        });
    }
    if let Some(refusal) = refusal {
        return Err(refusal);
    }
    let mut admitted = Admitted::default();
    for (key, scope, free, ceiling) in keys {
        let counter = state.entry(key).or_insert(Counter { count: 0, last: now, blocked_until: now, refused: 0 });
        if counter.refused > 0 {
            admitted.ended_blocks.push((scope, counter.refused));
            counter.refused = 0;
        }
        counter.count += 1;
        counter.last = now;
        if counter.count > free {
            counter.blocked_until = now + delay(counter.count - free, ceiling);
        }
    }
    Ok(admitted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const ATTACKER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 7));

    fn wait(result: Result<Admitted, Throttled>) -> Duration {
        result.map_or_else(|t| t.wait, |_| Duration::ZERO)
    }

    #[test]
    fn delays_grow_after_the_free_failures_and_stay_capped() {
        let throttle = LoginThrottle::new(Limits::default());
        let t0 = Instant::now();
        for _ in 0..5 {
            assert!(throttle.attempt_at("a@x.org", ATTACKER, t0).is_ok(), "five failures are free");
        }
        assert!(throttle.attempt_at("a@x.org", ATTACKER, t0).is_ok(), "the sixth is admitted, then waits");
        assert_eq!(wait(throttle.attempt_at("a@x.org", ATTACKER, t0)), Duration::from_secs(1));
        let t1 = t0 + Duration::from_secs(1);
        assert!(throttle.attempt_at("a@x.org", ATTACKER, t1).is_ok());
        assert_eq!(wait(throttle.attempt_at("a@x.org", ATTACKER, t1)), Duration::from_secs(2));
        // Hammering a blocked account does not lengthen the block.
        for _ in 0..50 {
            assert!(throttle.attempt_at("a@x.org", ATTACKER, t1).is_err());
        }
        assert_eq!(wait(throttle.attempt_at("a@x.org", HOME, t1)), Duration::from_secs(2));

        // Admitted attempts after each block runs out: the account's waits double up to their cap…
        let throttle = LoginThrottle::new(Limits::default());
        let mut t = t0;
        for _ in 0..15 {
            while throttle.attempt_at("a@x.org", ATTACKER, t).is_err() {
                t += Duration::from_secs(1);
            }
        }
        let account_wait = wait(throttle.attempt_at("a@x.org", HOME, t));
        assert_eq!(account_wait, Duration::from_secs(300), "the account's delay is capped at five minutes");
        // …and the address's, over other accounts, up to its longer cap.
        for n in 0..16 {
            while throttle.attempt_at(&format!("other{n}@x.org"), ATTACKER, t).is_err() {
                t += Duration::from_secs(1);
            }
        }
        let address_wait = wait(throttle.attempt_at("b@x.org", ATTACKER, t));
        assert_eq!(address_wait, Duration::from_secs(900), "the address's cap is longer");
    }

    #[test]
    fn concurrent_attempts_are_each_counted() {
        let throttle = Arc::new(LoginThrottle::new(Limits::default()));
        let start = Arc::new(std::sync::Barrier::new(200));
        let threads: Vec<_> = (0..200)
            .map(|_| {
                let (throttle, start) = (throttle.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    throttle.attempt("victim@x.org", ATTACKER)
                })
            })
            .collect();
        let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        let admitted = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(admitted, 6, "five free attempts and the one that starts the block");
        let started = results.iter().filter(|r| r.as_ref().is_err_and(|t| t.block_started)).count();
        assert_eq!(started, 1, "one refusal starts the block; the others are only counted");
    }

    #[test]
    fn a_block_reports_its_start_once_and_its_tally_at_the_next_admitted_attempt() {
        let throttle = LoginThrottle::new(Limits::default());
        let t0 = Instant::now();
        for _ in 0..6 {
            assert_eq!(throttle.attempt_at("a@x.org", HOME, t0), Ok(Admitted::default()));
        }
        let first = throttle.attempt_at("a@x.org", HOME, t0).unwrap_err();
        assert!(first.block_started);
        assert_eq!(first.scope, Scope::Account);
        for _ in 0..9 {
            assert!(!throttle.attempt_at("a@x.org", HOME, t0).unwrap_err().block_started);
        }
        let later = throttle.attempt_at("a@x.org", HOME, t0 + Duration::from_secs(2)).unwrap();
        assert_eq!(later.ended_blocks, [(Scope::Account, 10)]);
        let next = throttle.attempt_at("a@x.org", HOME, t0 + Duration::from_secs(2)).unwrap_err();
        assert!(next.block_started, "a new block");
    }

    #[test]
    fn many_accounts_from_one_address_block_the_address() {
        let throttle = LoginThrottle::new(Limits::default());
        let t0 = Instant::now();
        for n in 0..21 {
            assert!(throttle.attempt_at(&format!("user{n}@x.org"), ATTACKER, t0).is_ok(), "{n}");
        }
        let refused = throttle.attempt_at("someone@x.org", ATTACKER, t0).unwrap_err();
        assert_eq!(refused.scope, Scope::Address);
        assert!(throttle.attempt_at("someone@x.org", HOME, t0).is_ok(), "other addresses go on");
    }

    #[test]
    fn success_forgives_the_account_and_gives_the_attempt_back_to_the_address() {
        let throttle = LoginThrottle::new(Limits::default());
        let t0 = Instant::now();
        for _ in 0..8 {
            let _ = throttle.attempt_at("a@x.org", HOME, t0);
        }
        assert!(throttle.attempt_at("a@x.org", HOME, t0).is_err());
        throttle.succeeded("a@x.org", HOME);
        assert!(throttle.attempt_at("a@x.org", HOME, t0).is_ok());
        throttle.succeeded("a@x.org", HOME);
        // Fifty people signing in from one office address in a few minutes are never slowed.
        let office = LoginThrottle::new(Limits::default());
        for n in 0..50 {
            let person = format!("person{n}@x.org");
            assert!(office.attempt_at(&person, HOME, t0).is_ok(), "{n}");
            office.succeeded(&person, HOME);
        }
        for _ in 0..8 {
            let _ = throttle.attempt_at("c@x.org", HOME, t0);
        }
        assert!(throttle.attempt_at("c@x.org", HOME, t0 + Duration::from_secs(901)).is_ok(), "quiet time forgives");
    }
}
