//! The words that can name an event, with the kind of event and whether
//! the word is the noun or the verb. Whether a word is used as an event in
//! its sentence is [`super::events`]' question.

use crate::model::EventKind;

/// Part of speech of a trigger word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Noun,
    Verb,
}

/// The event a word can trigger. Lists inflections explicitly: stemming
/// "strikes" and "striking" alike would let adjectives in.
pub fn trigger(word: &str) -> Option<(EventKind, Pos)> {
    use EventKind::*;
    use Pos::*;
    Some(match word {
        "withdraw" | "withdraws" | "withdrew" | "withdrawn" | "withdrawing" | "pull" | "pulls"
        | "pulled" | "pulling" | "leave" | "leaves" | "leaving" | "left" => (Withdrawal, Verb),
        "withdrawal" | "pullout" | "pull-out" | "exit" => (Withdrawal, Noun),
        "reduce" | "reduces" | "reduced" | "reducing" | "cut" | "cuts" | "cutting" | "shrink"
        | "shrinks" | "shrank" | "trim" | "trims" | "trimmed" => (Reduction, Verb),
        "reduction" | "reductions" | "drawdown" | "cutback" => (Reduction, Noun),
        "deploy" | "deploys" | "deployed" | "deploying" => (Deployment, Verb),
        "deployment" | "deployments" | "surge" => (Deployment, Noun),
        "attack" | "attacked" | "attacking" | "ambushed" | "raided" | "stormed" => (Attack, Verb),
        "attack_n" | "attacks" | "assault" | "ambush" | "raid" | "bombing" | "shelling"
        | "riots" | "storming" => (Attack, Noun),
        "struck" | "strikes_v" | "bombed" | "shelled" => (Strike, Verb),
        "strike" | "strikes" | "airstrike" | "airstrikes" | "air-strike" | "air-strikes" => {
            (Strike, Noun)
        }
        "kill" | "kills" | "killed" | "killing_v" | "assassinated" | "executed" => (Killing, Verb),
        "killing" | "killings" | "assassination" | "murder" => (Killing, Noun),
        "meet" | "meets" | "met" => (Meeting, Verb),
        "meeting" | "talks" => (Meeting, Noun),
        "visit" | "visits" | "visited" | "visiting" | "toured" => (Visit, Verb),
        "visit_n" | "trip" => (Visit, Noun),
        "invade" | "invades" | "invaded" | "invading" => (Invasion, Verb),
        "invasion" => (Invasion, Noun),
        "announce" | "announces" | "announced" | "declared" | "unveiled" => (Announcement, Verb),
        "announcement" | "declaration" => (Announcement, Noun),
        "agreed" | "signed" => (Agreement, Verb),
        "agreement" | "deal" | "accord" | "treaty" | "ceasefire" | "truce" => (Agreement, Noun),
        "elected" | "reelected" | "re-elected" => (Election, Verb),
        "election" | "elections" | "polls" | "referendum" => (Election, Noun),
        "voted" | "votes_v" => (Vote, Verb),
        "vote" | "resolution" => (Vote, Noun),
        "protested" | "rallied" | "marched" => (Protest, Verb),
        "protest" | "protests" | "demonstration" | "demonstrations" | "rally" => (Protest, Noun),
        "captured" | "seized" | "overran" | "recaptured" | "retook" | "capturing"
        | "recapturing" => (Capture, Verb),
        "capture" | "recapture" | "fall" => (Capture, Noun),
        _ => return None,
    })
}

/// True when `w` (lowercase) names an event ("attack", "vote", "summit"),
/// for time words counted from an event ("two days after the attack").
pub fn is_event_word(w: &str) -> bool {
    trigger(w).is_some() || trigger(&format!("{w}_n")).is_some() || w == "summit"
}
