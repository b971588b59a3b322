//! The skeleton the three workflows share — requests, candidacies and missions: each declares
//! its steps as (from, to, who may take them) and keeps its own guards (an institution verified,
//! a free position, a checklist done); the checks every step starts with — something changes,
//! the step exists, the party may take it — and the lists of steps open to a party are here,
//! once.

use crate::party::Party;

/// A workflow's steps: (from, to, the parties who may take it).
#[derive(Debug)]
pub struct Machine<S: 'static> {
    steps: &'static [(S, S, &'static [Party])],
}

/// Why a step is refused before any guard of its workflow is asked. Each workflow turns it into
/// its own refusal (`From`), with its own code and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRefusal<S> {
    /// Nothing would change.
    Unchanged { status: S },
    /// The workflow has no such step.
    NoSuchStep { from: S, to: S },
    /// The step is not `by`'s to take.
    NotYours { from: S, to: S, by: Party },
}

/// `From<StepRefusal<Status>>` for a workflow's refusal, whose first three variants are the
/// machine's under the same names (each workflow gives them its own code and words).
macro_rules! refusal_from_step {
    ($refusal:ident, $status:ty) => {
        impl From<$crate::machine::StepRefusal<$status>> for $refusal {
            fn from(refusal: $crate::machine::StepRefusal<$status>) -> $refusal {
                use $crate::machine::StepRefusal;
                match refusal {
                    StepRefusal::Unchanged { status } => $refusal::Unchanged { status },
                    StepRefusal::NoSuchStep { from, to } => $refusal::NoSuchStep { from, to },
                    StepRefusal::NotYours { from, to, by } => $refusal::NotYours { from, to, by },
                }
            }
        }
    };
}
pub(crate) use refusal_from_step;

impl<S: Copy + Eq> Machine<S> {
    pub const fn new(steps: &'static [(S, S, &'static [Party])]) -> Self {
        Machine { steps }
    }

    /// Who may take the step `from` → `to` (none: there is no such step).
    pub fn parties(&self, from: S, to: S) -> &'static [Party] {
        self.steps.iter().find(|(f, t, _)| *f == from && *t == to).map_or(&[], |(_, _, p)| *p)
    }

    /// The checks every step starts with. `also_by` lets a workflow open a step to a party its
    /// table does not list, under a condition of its own (staff submitting a request they hold
    /// for its institution).
    pub fn check(&self, from: S, to: S, by: Party, also_by: bool) -> Result<(), StepRefusal<S>> {
        if from == to {
            return Err(StepRefusal::Unchanged { status: from });
        }
        let parties = self.parties(from, to);
        if parties.is_empty() {
            return Err(StepRefusal::NoSuchStep { from, to });
        }
        if !parties.contains(&by) && !also_by {
            return Err(StepRefusal::NotYours { from, to, by });
        }
        Ok(())
    }

    /// The states the table lets `by` move to from `from` (guards aside).
    pub fn targets(&self, from: S, by: Party) -> impl Iterator<Item = S> + '_ {
        self.steps.iter().filter(move |(f, _, parties)| *f == from && parties.contains(&by)).map(|(_, t, _)| *t)
    }

    /// Every step out of `from`, with who may take it.
    pub fn out_of(&self, from: S) -> impl Iterator<Item = (S, &'static [Party])> + '_ {
        self.steps.iter().filter(move |(f, _, _)| *f == from).map(|(_, t, p)| (*t, *p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Light {
        Red,
        Green,
        Off,
    }
    use Light::*;

    const LIGHTS: Machine<Light> =
        Machine::new(&[(Red, Green, &[Party::System]), (Green, Red, &[Party::System]), (Red, Off, &[Party::Staff])]);

    #[test]
    fn the_checks_come_in_order_and_an_extra_permission_opens_only_existing_steps() {
        assert_eq!(LIGHTS.check(Red, Red, Party::Staff, true), Err(StepRefusal::Unchanged { status: Red }));
        assert_eq!(LIGHTS.check(Off, Red, Party::Staff, true), Err(StepRefusal::NoSuchStep { from: Off, to: Red }));
        assert_eq!(
            LIGHTS.check(Red, Green, Party::Staff, false),
            Err(StepRefusal::NotYours { from: Red, to: Green, by: Party::Staff })
        );
        assert_eq!(LIGHTS.check(Red, Green, Party::Staff, true), Ok(()));
        assert_eq!(LIGHTS.check(Red, Off, Party::Staff, false), Ok(()));
        assert_eq!(LIGHTS.targets(Red, Party::System).collect::<Vec<_>>(), [Green]);
        assert_eq!(LIGHTS.out_of(Red).count(), 2);
        assert!(LIGHTS.parties(Off, Green).is_empty());
    }
}
