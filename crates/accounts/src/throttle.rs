//! Throttling of failed sign-ins, per account and per client address.
//!
//! A few failures are free; after that each further failure doubles the wait before the next
//! attempt, up to a ceiling. The account's ceiling is short (5 minutes) so that an attacker
//! cannot lock a real user out for long; the address's is longer (15 minutes), since that is
//! where a guessing attack comes from. Counters forget after 15 quiet minutes, and a success
//! clears the account's. State is in memory: a restart forgives, which is acceptable for delays.

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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
    blocked_until: Instant,
}

#[derive(Debug, Default)]
pub struct LoginThrottle {
    limits: Limits,
    state: Mutex<HashMap<Key, Failures>>,
}

impl LoginThrottle {
    pub fn new(limits: Limits) -> Self {
        Self { limits, state: Mutex::default() }
    }

    /// `Err(wait)` when an attempt for this account from this address must wait.
    pub fn check(&self, account: &str, address: IpAddr) -> Result<(), Duration> {
        self.check_at(account, address, Instant::now())
    }

    fn check_at(&self, account: &str, address: IpAddr, now: Instant) -> Result<(), Duration> {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let wait = [Key::Account(account.to_owned()), Key::Address(address)]
            .iter()
            .filter_map(|key| state.get(key))
            .filter(|f| now.duration_since(f.last) < self.limits.forget_after)
            .map(|f| f.blocked_until.saturating_duration_since(now))
            .max()
            .unwrap_or_default();
        if wait.is_zero() { Ok(()) } else { Err(wait) }
    }

    pub fn failed(&self, account: &str, address: IpAddr) {
        self.failed_at(account, address, Instant::now());
    }

    fn failed_at(&self, account: &str, address: IpAddr, now: Instant) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let limits = self.limits;
        for (key, free, ceiling) in [
            (Key::Account(account.to_owned()), limits.free_per_account, limits.max_delay_account),
            (Key::Address(address), limits.free_per_address, limits.max_delay_address),
        ] {
            let entry = state.entry(key).or_insert(Failures { count: 0, last: now, blocked_until: now });
            if now.duration_since(entry.last) >= limits.forget_after {
                entry.count = 0;
            }
            entry.count += 1;
            entry.last = now;
            if entry.count > free {
                let exponent = (entry.count - free - 1).min(20);
                let delay = Duration::from_secs(1u64 << exponent).min(ceiling);
                entry.blocked_until = now + delay;
            }
        }
        if state.len() > 100_000 {
            state.retain(|_, f| now.duration_since(f.last) < limits.forget_after);
        }
    }

    /// A successful sign-in clears the account's counter (not the address's).
    pub fn succeeded(&self, account: &str) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.remove(&Key::Account(account.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const ATTACKER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 7));

    #[test]
    fn delays_grow_after_the_free_failures_and_stay_capped() {
        let throttle = LoginThrottle::new(Limits::default());
        let t0 = Instant::now();
        for _ in 0..5 {
            assert!(throttle.check_at("a@x.org", ATTACKER, t0).is_ok());
            throttle.failed_at("a@x.org", ATTACKER, t0);
        }
        assert!(throttle.check_at("a@x.org", ATTACKER, t0).is_ok(), "five failures are free");
        throttle.failed_at("a@x.org", ATTACKER, t0);
        assert_eq!(throttle.check_at("a@x.org", ATTACKER, t0), Err(Duration::from_secs(1)));
        throttle.failed_at("a@x.org", ATTACKER, t0);
        assert_eq!(throttle.check_at("a@x.org", ATTACKER, t0), Err(Duration::from_secs(2)));
        for _ in 0..30 {
            throttle.failed_at("a@x.org", ATTACKER, t0);
        }
        let wait = throttle.check_at("a@x.org", HOME, t0).unwrap_err();
        assert_eq!(wait, Duration::from_secs(300), "the account's delay is capped at five minutes");
        let attacker_wait = throttle.check_at("b@x.org", ATTACKER, t0).unwrap_err();
        assert_eq!(attacker_wait, Duration::from_secs(900), "the address's cap is longer");
        // The real user, from home, waits at most the account's cap.
        assert!(throttle.check_at("a@x.org", HOME, t0 + Duration::from_secs(301)).is_ok());
    }

    #[test]
    fn success_and_quiet_time_forgive() {
        let throttle = LoginThrottle::new(Limits::default());
        let t0 = Instant::now();
        for _ in 0..8 {
            throttle.failed_at("a@x.org", HOME, t0);
        }
        assert!(throttle.check_at("a@x.org", HOME, t0).is_err());
        throttle.succeeded("a@x.org");
        assert!(throttle.check_at("a@x.org", HOME, t0).is_ok());
        for _ in 0..8 {
            throttle.failed_at("c@x.org", HOME, t0);
        }
        assert!(throttle.check_at("c@x.org", HOME, t0 + Duration::from_secs(901)).is_ok());
    }
}
