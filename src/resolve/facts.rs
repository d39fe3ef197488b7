//! What the word lists say of one token, found once per word form.
//!
//! Cleaning a mention ([`super::titles`]) asks a dozen questions of each
//! of its words and their neighbours (a title? a demonym? a weekday?), each
//! a lowercasing and a hash look-up of its own: about a tenth of all the
//! work of a build. Names recur across a corpus, so the answers are kept
//! per word form, per thread, and each question costs a bit test.
//!
//! The answers are those of the word-list functions themselves
//! ([`Facts::of`] calls them), so the cache cannot change a result.

use super::words;
use crate::lexicon;
use crate::util::lower::with_lower;
use std::cell::RefCell;

/// What the word lists say of a word form (exact, case and all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Facts {
    bits: u64,
    /// [`lexicon::modifier_country`] ("Iran-backed").
    pub modifier_country: Option<&'static str>,
    /// [`lexicon::demonym_country`] ("Chilean").
    pub demonym: Option<&'static str>,
    /// [`lexicon::country`] ("U.S.").
    pub country: Option<&'static str>,
}

/// One question a [`Facts`] answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Is {
    /// [`lexicon::is_title`].
    Title,
    /// [`lexicon::is_honorific`].
    Honorific,
    /// [`lexicon::is_office_domain`].
    OfficeDomain,
    /// [`lexicon::is_title_modifier`].
    TitleModifier,
    /// [`lexicon::is_service_word`].
    ServiceWord,
    /// [`lexicon::is_role_noun`].
    RoleNoun,
    /// [`lexicon::is_adjective`].
    Adjective,
    /// [`lexicon::is_sentence_starter`].
    SentenceStarter,
    /// [`lexicon::is_acronym`].
    Acronym,
    /// [`lexicon::is_unit_number`].
    UnitNumber,
    /// [`lexicon::month_number`] is some.
    Month,
    /// [`words::is_contract_month`].
    ContractMonth,
    /// Lowercase, in [`lexicon::WEEKDAYS`].
    Weekday,
    /// Lowercase, in [`lexicon::MEMBER_NOUNS`].
    MemberNoun,
    /// Lowercase (`str::to_lowercase`), in [`lexicon::UNIT_HEADS`].
    UnitHead,
    /// Lowercase, in [`lexicon::LANGUAGES`].
    Language,
    /// Lowercase, in [`lexicon::SELF_STANDING_HEADS`].
    SelfStanding,
    /// Lowercase, in [`lexicon::PLACE_PREFIXES`].
    PlacePrefix,
    /// Lowercase, in [`lexicon::GROUP_NOUNS`].
    GroupNoun,
    /// Lowercase, [`lexicon::is_org_head`].
    OrgHead,
    /// Lowercase, [`lexicon::is_place_head`].
    PlaceHead,
    /// Lowercase, [`words::is_settlement_word`].
    Settlement,
    /// Lowercase "house".
    House,
    /// Lowercase "of" or "the".
    OfOrThe,
    /// Lowercase "air", "military" or "naval" (before "base").
    BaseModifier,
    /// A bare abbreviation or compass word ("St.", "West").
    Compass,
    /// Ends in a hyphen and a word of [`lexicon::MODIFIER_SUFFIXES`]
    /// ("New York-based").
    ModifierSuffix,
    /// [`words::is_generic_word`].
    Generic,
    /// [`words::is_modifier_word`].
    ModifierWord,
    /// [`words::is_faith_or_people`].
    FaithOrPeople,
    /// [`words::is_particle_name`].
    ParticleName,
}

impl Is {
    const fn bit(self) -> u64 {
        1 << self as u32
    }
}

impl Facts {
    /// The answers for `w`, from the word-list functions.
    pub fn of(w: &str) -> Facts {
        let lower_in = |list: &[&str]| with_lower(w, |l| list.contains(&l));
        let answers = [
            (Is::Title, lexicon::is_title(w)),
            (Is::Honorific, lexicon::is_honorific(w)),
            (Is::OfficeDomain, lexicon::is_office_domain(w)),
            (Is::TitleModifier, lexicon::is_title_modifier(w)),
            (Is::ServiceWord, lexicon::is_service_word(w)),
            (Is::RoleNoun, lexicon::is_role_noun(w)),
            (Is::Adjective, lexicon::is_adjective(w)),
            (Is::SentenceStarter, lexicon::is_sentence_starter(w)),
            (Is::Acronym, lexicon::is_acronym(w)),
            (Is::UnitNumber, lexicon::is_unit_number(w)),
            (Is::Month, lexicon::month_number(w).is_some()),
            (Is::ContractMonth, words::is_contract_month(w)),
            (Is::Weekday, lower_in(lexicon::WEEKDAYS)),
            (Is::MemberNoun, lower_in(lexicon::MEMBER_NOUNS)),
            (
                Is::UnitHead,
                lexicon::UNIT_HEADS.contains(&w.to_lowercase().as_str()),
            ),
            (Is::Language, lower_in(lexicon::LANGUAGES)),
            (Is::SelfStanding, lower_in(lexicon::SELF_STANDING_HEADS)),
            (Is::PlacePrefix, lower_in(lexicon::PLACE_PREFIXES)),
            (Is::GroupNoun, lower_in(lexicon::GROUP_NOUNS)),
            (Is::OrgHead, with_lower(w, lexicon::is_org_head)),
            (Is::PlaceHead, with_lower(w, lexicon::is_place_head)),
            (Is::Settlement, with_lower(w, words::is_settlement_word)),
            (Is::House, with_lower(w, |l| l == "house")),
            (Is::OfOrThe, with_lower(w, |l| matches!(l, "of" | "the"))),
            (
                Is::BaseModifier,
                with_lower(w, |l| matches!(l, "air" | "military" | "naval")),
            ),
            (
                Is::Compass,
                matches!(
                    w.to_lowercase().as_str(),
                    "st" | "st."
                        | "mt"
                        | "mt."
                        | "ft"
                        | "ft."
                        | "north"
                        | "south"
                        | "east"
                        | "west"
                ),
            ),
            (
                Is::ModifierSuffix,
                w.rsplit_once('-').is_some_and(|(_, tail)| {
                    with_lower(tail, |t| lexicon::MODIFIER_SUFFIXES.contains(&t))
                }),
            ),
            (Is::Generic, words::is_generic_word(w)),
            (Is::ModifierWord, words::is_modifier_word(w)),
            (Is::FaithOrPeople, words::is_faith_or_people(w)),
            (Is::ParticleName, words::is_particle_name(w)),
        ];
        Facts {
            bits: answers
                .iter()
                .filter(|(_, yes)| *yes)
                .fold(0, |bits, (is, _)| bits | is.bit()),
            modifier_country: lexicon::modifier_country(w),
            demonym: lexicon::demonym_country(w),
            country: lexicon::country(w),
        }
    }

    pub fn is(&self, q: Is) -> bool {
        self.bits & q.bit() != 0
    }

    /// True for any of `qs`.
    pub fn any(&self, qs: &[Is]) -> bool {
        qs.iter().any(|&q| self.is(q))
    }
}

/// Word forms kept per thread before the cache starts again: names recur,
/// and a few thousand forms cover most mentions of a corpus; the bound
/// keeps the memory of a long run flat.
const CACHE_WORDS: usize = 1 << 15;

/// Longer words are answered without being kept: no word-list entry is
/// this long, and such tokens (URLs, runs of symbols) rarely recur.
const CACHE_WORD_BYTES: usize = 48;

thread_local! {
    // foldhash: several bytes a step, where the word lists' hash takes one.
    static CACHE: RefCell<hashbrown::HashMap<Box<str>, Facts>> =
        RefCell::new(hashbrown::HashMap::default());
}

/// [`Facts::of`] `w`, from this thread's cache when it has them.
pub(super) fn facts(w: &str) -> Facts {
    if w.len() > CACHE_WORD_BYTES {
        return Facts::of(w);
    }
    CACHE.with(|cache| {
        // A thread re-entering (it cannot: `Facts::of` does not call back)
        // would only miss the cache.
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return Facts::of(w);
        };
        if let Some(f) = cache.get(w) {
            return *f;
        }
        let f = Facts::of(w);
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        cache.insert(w.into(), f);
        f
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_answer_as_the_word_lists_do() {
        let general = Facts::of("Gen.");
        assert!(general.is(Is::Title) && general.is(Is::RoleNoun) && !general.is(Is::Honorific));
        let chilean = Facts::of("Chilean");
        assert_eq!(chilean.demonym, Some("Chile"));
        assert_eq!(chilean.country, None);
        assert_eq!(Facts::of("U.S.").country, Some("United States"));
        assert_eq!(Facts::of("Iran-backed").modifier_country, Some("Iran"));
        assert!(Facts::of("Iran-backed").is(Is::ModifierSuffix));
        assert!(Facts::of("September").is(Is::ContractMonth));
        assert!(Facts::of("May").is(Is::Month) && !Facts::of("May").is(Is::ContractMonth));
        assert!(Facts::of("Sept.").is(Is::Month) && !Facts::of("Sept.").is(Is::ContractMonth));
        assert!(Facts::of("MONDAY").is(Is::Weekday));
        assert!(Facts::of("Ministry").is(Is::Generic) && Facts::of("Ministry").is(Is::OrgHead));
        assert!(Facts::of("al-Farsi").is(Is::ParticleName));
        assert!(Facts::of("al-Farsi").is(Is::ModifierWord) == words::is_modifier_word("al-Farsi"));
        assert!(Facts::of("The").is(Is::OfOrThe) && Facts::of("The").is(Is::SentenceStarter));
        assert!(Facts::of("Corps").is(Is::UnitHead));
        assert!(Facts::of("42nd").is(Is::UnitNumber));
        assert_eq!(Facts::of("Lima"), Facts::default());
    }

    #[test]
    fn cached_facts_are_the_computed_ones_across_a_clearing() {
        // More forms than the cache keeps, twice over, with the lists'
        // words among them: every answer must be the uncached one.
        let words: Vec<String> = (0..CACHE_WORDS + 100)
            .map(|i| format!("Word{i}"))
            .chain(["Gen.", "Chilean", "U.S.", "Monday", "Ministry", "of", "x"].map(String::from))
            .chain(std::iter::once("y".repeat(CACHE_WORD_BYTES + 1)))
            .collect();
        for _ in 0..2 {
            for w in &words {
                assert_eq!(facts(w), Facts::of(w), "{w}");
            }
        }
    }
}
