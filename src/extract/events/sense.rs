//! Trigger words in another sense than the event kind they name: a market
//! that "rallied" or "pulled back", a storm that "struck", money "shelled
//! out", a lead or a power supply "cut", a candidate "in the polls". The
//! checks look at the words around the trigger only: what moves (a price,
//! an index, the weather) or what is cut decides whether the word names a
//! protest, a withdrawal, a strike or a reduction.

use crate::model::EventKind;
use std::borrow::Cow;

/// What markets report on: when one of these moves, it is a price, not an
/// army or a crowd.
const MARKET_NOUNS: &[&str] = &[
    "shares",
    "share",
    "stock",
    "stocks",
    "index",
    "indexes",
    "indices",
    "futures",
    "bonds",
    "bond",
    "yields",
    "yield",
    "prices",
    "price",
    "market",
    "markets",
    "currency",
    "currencies",
    "dollar",
    "euro",
    "yen",
    "sterling",
    "pound",
    "rupee",
    "yuan",
    "crude",
    "benchmark",
    "equities",
    "treasuries",
    "bitcoin",
    "nasdaq",
    "dow",
    "nikkei",
];

/// Weather and natural forces: a storm that "struck" or "exited" is not
/// an armed force.
const NATURAL_FORCES: &[&str] = &[
    "storm",
    "storms",
    "typhoon",
    "hurricane",
    "cyclone",
    "tornado",
    "earthquake",
    "quake",
    "tremor",
    "aftershock",
    "flood",
    "floods",
    "flooding",
    "floodwaters",
    "landslide",
    "landslides",
    "tsunami",
    "blizzard",
    "wildfire",
    "wildfires",
    "eruption",
    "lightning",
    "drought",
    "heatwave",
    "depression",
];

/// What a reduction reduces when it is news of forces, jobs or output:
/// "cut the gap", "power was cut" and "cut ties" are not reductions.
const REDUCIBLE: &[&str] = &[
    "troops",
    "troop",
    "forces",
    "force",
    "soldiers",
    "personnel",
    "presence",
    "contingent",
    "military",
    "deployment",
    "jobs",
    "job",
    "staff",
    "staffing",
    "workforce",
    "workers",
    "employees",
    "positions",
    "posts",
    "roles",
    "headcount",
    "production",
    "output",
    "spending",
    "budget",
    "budgets",
    "funding",
    "aid",
    "emissions",
    "capacity",
    "stake",
    "holdings",
    "arsenal",
    "arsenals",
    "warheads",
    "debt",
    "deficit",
    "costs",
    "subsidies",
    "tariffs",
    "sanctions",
    "rates",
    "rate",
    "taxes",
    "tax",
    "fleet",
    "flights",
    "services",
    "imports",
    "exports",
    "supplies",
    "investment",
    "number",
    "numbers",
    "size",
    "strength",
];

/// "leave", "leaves", "leaving", "left".
pub(super) fn is_leave(w: &str) -> bool {
    matches!(w, "leave" | "leaves" | "leaving" | "left")
}

/// Who raids to search: the law's officers.
const LAW_OFFICERS: &[&str] = &[
    "police",
    "officers",
    "detectives",
    "investigators",
    "inspectors",
    "agents",
    "prosecutors",
    "fbi",
    "customs",
    "regulators",
    "authorities",
];

/// What a search raids: homes and offices.
const SEARCHED_PLACES: &[&str] = &[
    "addresses",
    "homes",
    "home",
    "house",
    "houses",
    "offices",
    "office",
    "premises",
    "properties",
    "residence",
    "apartment",
    "headquarters",
];

/// True when the trigger at `k` of kind `kind` is used in another sense.
pub(super) fn out_of_sense(kind: EventKind, words: &[Cow<'_, str>], k: usize) -> bool {
    use EventKind::*;
    let w = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    let before = |n: usize| (k.saturating_sub(n)..k).map(w);
    let after = |n: usize| (k + 1..(k + 1 + n).min(words.len())).map(w);
    let moves = matches!(
        kind,
        Protest | Withdrawal | Attack | Strike | Capture | Deployment
    );
    // "the index pulled back 1.2%", "shares rallied", "Japan's Nikkei
    // had rallied 0.6%": a price moves.
    // "withdraw 60 percent of its troops": a share of something, not a move.
    let by_percent = (k + 1..(k + 5).min(words.len())).any(|j| {
        let x = w(j);
        (x == "%" || x.ends_with('%') || matches!(x, "percent" | "pct")) && w(j + 1) != "of"
    });
    if moves && (before(8).any(|x| MARKET_NOUNS.contains(&x)) || by_percent) {
        return true;
    }
    if gatherings_and_goals(kind, words, k) {
        return true;
    }
    // "the typhoon struck", "the storm will exit".
    if matches!(kind, Strike | Attack | Withdrawal | Deployment | Capture)
        && before(12).any(|x| NATURAL_FORCES.contains(&x))
    {
        return true;
    }
    // "leave" and "left" are a withdrawal only of forces ("wants the
    // troops to leave", "US forces left Iraq in 2011"), not "left 14
    // dead", "left office" or "left behind".
    if kind == Withdrawal && is_leave(w(k)) {
        let forces = before(6).any(|x| {
            matches!(
                x,
                "troops" | "forces" | "soldiers" | "personnel" | "military" | "army" | "marines"
            )
        });
        let next = w(k + 1);
        let other_sense = next.starts_with(|c: char| c.is_ascii_digit())
            || matches!(
                next,
                "dead" | "behind" | "office" | "power" | "unanswered" | "open"
            );
        if !forces || other_sense {
            return true;
        }
    }
    // "seized power in a coup": a government taken, no place captured.
    if kind == Capture && matches!(w(k + 1), "power" | "control") && w(k + 2) != "of" {
        return true;
    }
    // "police raided 27 addresses", "a raid on his home by tax
    // inspectors": a search by the law, not an armed attack.
    if kind == Attack
        && matches!(w(k), "raid" | "raids" | "raided")
        && (before(6).chain(after(6)).any(|x| LAW_OFFICERS.contains(&x))
            || after(4).any(|x| SEARCHED_PLACES.contains(&x)))
    {
        return true;
    }
    // "shelling out $2 billion", "shelled out US$1.8 billion": money
    // spent. An attack's or strike's object is no sum of money.
    let money = |x: &str| {
        x.starts_with('$')
            || x.starts_with("us$")
            || matches!(x, "$" | "us$" | "euros" | "pounds" | "yen" | "dollars")
    };
    if matches!(kind, Attack | Strike)
        && ((w(k).starts_with("shell") && w(k + 1) == "out") || after(3).any(money))
    {
        return true;
    }
    // "leads in the polls", "opinion polls show": surveys, not a vote.
    if kind == Election
        && w(k) == "polls"
        && (matches!(
            w(k.wrapping_sub(1)),
            "opinion" | "recent" | "latest" | "several"
        ) || (w(k.wrapping_sub(1)) == "the" && w(k.wrapping_sub(2)) == "in")
            || matches!(
                w(k + 1),
                "show" | "showed" | "shows" | "suggest" | "suggested"
            ))
    {
        return true;
    }
    // A reduction says what is reduced, near the word.
    if kind == Reduction
        && w(k) != "drawdown"
        && !before(4).chain(after(6)).any(|x| REDUCIBLE.contains(&x))
    {
        return true;
    }
    false
}

/// Meetings, withdrawals, protests and votes in another sense: a goal
/// "met", people "pulled" from rubble, a rally of supporters or of a
/// market, a share "of the vote".
fn gatherings_and_goals(kind: EventKind, words: &[Cow<'_, str>], k: usize) -> bool {
    use EventKind::*;
    let w = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    let before = |n: usize| (k.saturating_sub(n)..k).map(w);
    let after = |n: usize| (k + 1..(k + 1 + n).min(words.len())).map(w);
    // "the index closed down 0.7%, ending a three-session rally": a
    // market's rally, wherever the index is named in the sentence.
    if kind == Protest
        && w(k).starts_with("rall")
        && words.iter().any(|x| MARKET_NOUNS.contains(&x.as_ref()))
        && words
            .iter()
            .any(|x| x.ends_with('%') || matches!(x.as_ref(), "%" | "percent" | "pct" | "points"))
    {
        return true;
    }
    // "won 38.9% of the vote": a share of an election's votes, not a vote
    // taken.
    if kind == Vote
        && w(k) == "vote"
        && w(k.wrapping_sub(1)) == "the"
        && w(k.wrapping_sub(2)) == "of"
        && (w(k.wrapping_sub(3)).ends_with('%')
            || matches!(w(k.wrapping_sub(3)), "%" | "percent" | "majority" | "share"))
    {
        return true;
    }
    // "met its target", "meeting the deadline": a goal reached, not a
    // meeting.
    if kind == Meeting
        && w(k).starts_with("me")
        && after(3).any(|x| {
            matches!(
                x,
                "target"
                    | "targets"
                    | "goal"
                    | "goals"
                    | "deadline"
                    | "deadlines"
                    | "demand"
                    | "demands"
                    | "requirement"
                    | "requirements"
                    | "expectations"
                    | "needs"
                    | "criteria"
                    | "standard"
                    | "standards"
                    | "obligations"
                    | "threshold"
                    | "forecast"
                    | "forecasts"
                    | "estimates"
                    | "quota"
            )
        })
    {
        return true;
    }
    // "the milestone was met", "demands were met": a meeting has people
    // who meet; a passive "met" with no one after it is a goal reached.
    if kind == Meeting
        && w(k) == "met"
        && matches!(
            w(k.wrapping_sub(1)),
            "was" | "were" | "been" | "be" | "is" | "are"
        )
        && !matches!(w(k + 1), "by" | "with")
    {
        return true;
    }
    // "rescuers pulled survivors from the rubble": no forces withdraw.
    if kind == Withdrawal
        && w(k).starts_with("pull")
        && (before(3).any(|x| matches!(x, "rescuers" | "divers" | "firefighters"))
            || after(5).any(|x| {
                matches!(
                    x,
                    "survivors" | "bodies" | "body" | "rubble" | "wreckage" | "debris" | "victims"
                )
            }))
    {
        return true;
    }
    // "a victory rally", "a campaign rally": a gathering of supporters,
    // not a protest.
    if kind == Protest
        && w(k).starts_with("rall")
        && matches!(
            w(k.wrapping_sub(1)),
            "victory" | "campaign" | "election" | "memorial" | "celebration" | "pep"
        )
    {
        return true;
    }
    false
}

/// Who strikes and over what when work stops: any of these in the sentence
/// makes "strike" a labour strike.
const LABOUR_WORDS: &[&str] = &[
    "workers",
    "worker",
    "union",
    "unions",
    "dockworkers",
    "employees",
    "staff",
    "teachers",
    "nurses",
    "doctors",
    "drivers",
    "pilots",
    "miners",
    "wages",
    "wage",
    "pay",
    "pension",
    "pensions",
    "walkout",
    "walked",
    "picket",
    "pickets",
    "picketing",
    "strikers",
    "bargaining",
    "contract",
    "layoffs",
];

/// Words right before "strike" that name a stoppage ("a general strike",
/// "a 48-hour strike", "went on strike").
const LABOUR_BEFORE: &[&str] = &[
    "general",
    "national",
    "nationwide",
    "labour",
    "labor",
    "rail",
    "indefinite",
    "wildcat",
    "on",
    "teachers",
    "teachers'",
    "workers'",
];

/// Words right before "strike" that make it an armed one ("an air
/// strike", "a drone strike").
const ARMED_BEFORE: &[&str] = &[
    "air",
    "drone",
    "missile",
    "rocket",
    "military",
    "artillery",
    "naval",
    "retaliatory",
    "precision",
    "nuclear",
    "preemptive",
    "pre-emptive",
    "targeted",
];

/// True when "strike" at `k` is workers stopping work.
pub(super) fn is_labour_strike(words: &[Cow<'_, str>], k: usize) -> bool {
    let w = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    let prev = k.checked_sub(1).map_or("", w);
    if LABOUR_BEFORE.contains(&prev)
        || prev.ends_with("-hour")
        || prev.ends_with("-day")
        || prev.ends_with("-week")
    {
        return true;
    }
    // "a drone strike killed 12 workers": armed, whoever it hit.
    let armed = ARMED_BEFORE.contains(&prev)
        || (k + 1..k + 4).any(|j| {
            matches!(
                w(j),
                "killed"
                    | "kills"
                    | "kill"
                    | "hit"
                    | "hits"
                    | "targeted"
                    | "targeting"
                    | "destroyed"
                    | "wounded"
            )
        });
    !armed && words.iter().any(|w| LABOUR_WORDS.contains(&w.as_ref()))
}
