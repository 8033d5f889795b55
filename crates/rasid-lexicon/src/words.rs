//! Word lists (`words*.tsv`): closed classes of folded Arabic words that the coder's rules
//! test tokens against (stop words, support verbs, complementizers, attack nouns …). Each
//! list has a name the coder knows ([`WordList`]); a file may not name another list, nor
//! leave one empty, and the built lexicon must hold every list ([`WordList::ALL`]).
//!
//! Layering: a later file's list replaces an earlier file's list of the same name as a
//! whole (a user `words.tsv` may hold only the lists it changes).

use crate::entry::Origin;
use serde::{Deserialize, Serialize};

macro_rules! word_lists {
    ($($(#[$doc:meta])* $v:ident = $name:literal,)*) => {
        /// A word list the coder reads, by its name in `words.tsv`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum WordList {
            $($(#[$doc])* $v,)*
        }

        impl WordList {
            /// Every list the coder needs, in declaration order.
            pub const ALL: &'static [WordList] = &[$(WordList::$v,)*];

            /// Its name in `words.tsv`.
            pub fn name(self) -> &'static str {
                match self {
                    $(WordList::$v => $name,)*
                }
            }

            /// The list called `name` in `words.tsv`.
            pub fn from_name(name: &str) -> Option<WordList> {
                match name {
                    $($name => Some(WordList::$v),)*
                    _ => None,
                }
            }
        }
    };
}

word_lists! {
    /// Titles before a person's name (الشيخ، الدكتور، اللواء).
    Honorifics = "honorifics",
    /// Prepositions that introduce an actor (مع، إلى، على).
    Prepositions = "prepositions",
    /// Adjectives between an envoy's title and the place of the posting (الخاص).
    PostingAdjectives = "posting-adjectives",
    /// Prepositions that introduce the place of a posting (في، لدى).
    PostingPrepositions = "posting-prepositions",
    /// Duals naming both parties of an event (الجانبين، الطرفين).
    BothParties = "both-parties",
    /// Duals of a role (رئيسان، وزيرين).
    DualRoles = "dual-roles",
    /// Head nouns of an organisation named after a person or place (مركز، منظمة).
    OrgHeads = "org-heads",
    /// Forms of address before a title (معالي، فخامة).
    AddressForms = "address-forms",
    /// بلاده and its pronouns: the speaker's own country.
    OwnCountry = "own-country",
    /// Directions before a place (جنوب، شمال).
    Directions = "directions",
    /// Adjectives of a former office holder (السابق، المخلوع).
    Former = "former",
    /// Words opening a concessive clause (رغم).
    Concessive = "concessive",
    /// Words that look like future verbs and are not (سنة، سيطرة).
    NotFuture = "not-future",
    /// Stems of future support verbs (عقد، جري، قوم).
    SupportStems = "support-stems",
    /// Noun stems that look like future verbs (سياس، سيار).
    NotFutureStems = "not-future-stems",
    /// Relative pronouns (الذي، التي).
    RelativePronouns = "relative-pronouns",
    /// Support verbs that make a verbal noun their object after a relative pronoun (قام، أجرى).
    SupportVerbs = "support-verbs",
    /// Plural nouns of members of a group (عناصر، مقاتلي).
    AgentMembers = "agent-members",
    /// Verbs that make a passive of the verbal noun after them (تم، جرى).
    PassiveAux = "passive-aux",
    /// Nouns of stopping before a verbal noun (وقف، تعليق، إنهاء).
    StopWords = "stop-words",
    /// Nouns of a strike (غارة، قصف).
    StrikeNouns = "strike-nouns",
    /// Verbs of carrying out an attack with a pronoun object (شنه، نفذها).
    DoerVerbs = "doer-verbs",
    /// Complementizers after a speech verb (أن، بأن).
    Complementizers = "complementizers",
    /// Words after a speech verb that are not its subject (إثر، مساء).
    AfterSpeech = "after-speech",
    /// إن and its forms before a subject (أن، فإن).
    Inna = "inna",
    /// Verbs of لا يزال / ما زال (still).
    StillVerbs = "still-verbs",
    /// Verbs whose subject is a meeting and object what it discussed (تطرق، تناول).
    DiscussVerbs = "discuss-verbs",
    /// Prepositions of a topic (حول، بشأن).
    TopicWords = "topic-words",
    /// ما and its prepositional forms opening a relative clause.
    RelativeWhat = "relative-what",
    /// Nouns of an attack (تفجير، هجوم).
    AttackNouns = "attack-nouns",
    /// Nouns that name an attack only with an attack adjective after them (عمل، حادث).
    ActNouns = "act-nouns",
    /// Adjectives that make an act an attack (الإرهابي، الغادر).
    AttackAdjectives = "attack-adjectives",
    /// Nouns of a blast whose doers go unnamed (انفجار، عبوة).
    BlastNouns = "blast-nouns",
    /// Words of "then" opening a sentence (حينها، آنذاك).
    ThenWords = "then-words",
    /// Nouns of a strike's targets (أهداف، مواقع).
    TargetNouns = "target-nouns",
    /// Words naming a day in news prose (أمس، اليوم, the weekdays).
    DayWords = "day-words",
    /// Honorific possessives that stand for the person last named with the honorific
    /// (سموه، معاليه، فخامته).
    HonorificPossessives = "honorific-possessives",
    /// Words of statehood before a country's name (جمهورية، دولة، مملكة).
    StateWords = "state-words",
}

/// One list of a `words*.tsv` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordListEntry {
    /// The list's name ([`WordList::name`]).
    pub name: String,
    /// Its words, folded, in file order.
    pub words: Vec<String>,
    /// English note.
    pub en: String,
    /// Source line.
    pub origin: Origin,
}

/// One compiled word list: its words in file order and sorted, for membership tests.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Words {
    list: Vec<String>,
    sorted: Vec<String>,
    shortest: usize,
}

/// Lists up to this long are scanned, not searched ([`Words::contains`]).
const LINEAR_SCAN_MAX: usize = 16;

static NO_WORDS: Words = Words {
    list: Vec::new(),
    sorted: Vec::new(),
    shortest: 0,
};

impl Words {
    fn new(list: &[String]) -> Words {
        let mut sorted = list.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        Words {
            list: list.to_vec(),
            shortest: list.iter().map(String::len).min().unwrap_or(0),
            sorted,
        }
    }

    /// Whether `w` (folded) is in the list: a scan of a short list (most are; comparing
    /// lengths first turns nearly every word away at once), a binary search of a long one.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        if self.sorted.len() <= LINEAR_SCAN_MAX {
            self.sorted.iter().any(|x| x == w)
        } else {
            self.sorted.binary_search_by(|x| x.as_str().cmp(w)).is_ok()
        }
    }

    /// The words in file order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.list.iter().map(String::as_str)
    }

    /// Bytes in the shortest word (0 for no words): a shorter token holds none of them.
    #[inline]
    pub fn shortest_bytes(&self) -> usize {
        self.shortest
    }

    /// The words in file order.
    pub fn as_slice(&self) -> &[String] {
        &self.list
    }
}

/// Every [`WordList`] compiled, indexed by the enum.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WordLists {
    lists: Vec<Words>,
}

impl WordLists {
    /// Compiles `entries` (one per list name, unknown names left out).
    pub(crate) fn compile(entries: &[WordListEntry]) -> WordLists {
        WordLists {
            lists: WordList::ALL
                .iter()
                .map(|l| {
                    entries
                        .iter()
                        .find(|e| e.name == l.name())
                        .map(|e| Words::new(&e.words))
                        .unwrap_or_default()
                })
                .collect(),
        }
    }

    /// The words of list `l` (none when the lexicon was built with errors and lacks it).
    #[inline]
    pub fn get(&self, l: WordList) -> &Words {
        self.lists.get(l as usize).unwrap_or(&NO_WORDS)
    }
}
