"""Word lists and compiled regular expressions of the quotation finder (named for what they match)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tiktok_study.alternation import word_trie
from tiktok_study.text import wordset

__all__: list[str] = []  # internal to tiktok_study.quotes


# --------------------------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------------------------

_SPEECH_VERBS = wordset(
    """say says said saying tell tells told telling add adds added adding note notes noted noting state states
    stated stating remark remarks remarked respond responds responded reply replies replied explain explains
    explained argue argues argued arguing claim claims claimed insist insists insisted warn warns warned warning
    write writes wrote written tweet tweets tweeted post posts posted announce announces announced declare
    declares declared emphasize emphasizes emphasized emphasise emphasises emphasised stress stresses stressed
    comment comments commented acknowledge acknowledges acknowledged admit admits admitted ask asks asked
    answer answers answered suggest suggests suggested observe observes observed recall recalls recalled
    confirm confirms confirmed deny denies denied contend contends contended assert asserts asserted predict
    predicts predicted promise promises promised vow vows vowed urge urges urged complain complains complained
    lament laments lamented quip quips quipped joke jokes joked concede concedes conceded recount recounts
    recounted mention mentions mentioned reveal reveals revealed describe describes described call calls called
    shout shouted exclaim exclaimed conclude concludes concluded testify testifies testified pledge pledged
    boast boasted caution cautioned counter countered continue continued agree agreed muse muses mused wonder
    wonders wondered question questioned retort retorts retorted scoff scoffed snap snapped laugh laughed
    proclaim proclaimed allege alleges alleged reiterate reiterates reiterated repeat repeated remind reminded
    assure assured inform informed plead pleaded demand demands demanded charge charges charged recall quipped
    insisted interject interjected opine opined marvel marveled marvelled shrug shrugged sigh sighed grumble
    grumbled gripe griped intone intoned whisper whispered yell yelled cry cried chime chimed elaborate
    elaborated clarify clarified advise advised reads report reports reported continues""".replace("\n", " ")
)  # fmt: skip
_PRONOUNS = wordset("he she they we i it")
_PERSONAL_PRONOUNS = wordset("he she")
_TITLES = wordset(
    """President Vice Premier Chancellor Senator Sen. Rep. Representative Congressman Congresswoman Governor
    Gov. Mayor Minister Secretary Ambassador General Gen. Dr. Dr Mr. Mr Mrs. Mrs Ms. Ms Prof. Professor CEO
    CFO CTO COO Chairman Chairwoman Chair Chief Director Founder Co-founder President-elect Judge Justice
    Commissioner Spokesperson Spokesman Spokeswoman Deputy Editor Dean Lord Sir Speaker Leader""".replace("\n", " ")
)  # fmt: skip
_LOWER_TITLES = wordset(
    """professor president senator minister secretary spokesperson spokesman spokeswoman ceo chairman founder
    director analyst researcher scholar economist official officials representative executive lawmaker
    journalist reporter author editor expert engineer chief head strategist consultant pollster adviser advisor
    aide candidate nominee governor mayor congressman congresswoman lawyer attorney activist commentator host
    anchor correspondent manager organizer supporter secretary treasurer chairwoman leader""".replace("\n", " ")
)  # fmt: skip
_ORG_WORDS = wordset(
    """University College School Institute Group Company Corp Corp. Corporation Inc Inc. Ltd Co. Council Court
    Congress Senate House Ministry Department Administration Agency Bureau Commission Committee Office Center
    Centre Foundation Association Bank Fund Times News Post Journal Television Radio Network Store Party
    Republic States Kingdom Union Nations Act Plan Trap Show Fest Camp Circuit District Street Valley Race
    Council Daily Press Review Agency Media Technologies Technology Labs Security Services Police Army Navy
    Force Forces Government Parliament Embassy App Reuters Bloomberg""".replace("\n", " ")
)  # fmt: skip
_NOT_NAMES = wordset(
    """January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday The A An As In On At But And However Meanwhile While When After
    Before Then Also Still Yet So Last This That These Those According Earlier Later Today Yesterday Moreover
    Additionally Nonetheless Nevertheless Instead Indeed Why How What Even If For From With Without Since Until
    Although Though Because Despite Under Over Through Of Its Their His Her Our Your My It He She They We I
    Some Many Most Both Each Every Other Another Such First Second Third Finally Once Now Here There Where
    Who Whom Which Whose By To Into Unlike Like Just Only Not No Yes Image Source Edited""".replace("\n", " ")
)  # fmt: skip
_FUNCTION_WORDS = wordset(
    """a an the this that these those and or but nor so yet if as of in on at for to from with by about into
    over under than is are was were be been being has have had do does did will would shall should can could
    may might must not no also only just even still already while when where why how which who whom whose what
    there here it its they them their he she his her we our you your i my me us him""".replace("\n", " ")
)  # fmt: skip
_CATEGORY_NOUNS = wordset(
    """theory law laws hashtag hashtags tag program programme programs plan plans initiative initiatives project
    projects act bill order orders mandate mandates campaign policy policies strategy doctrine movement slogan
    label era principle concept model framework deal rule rules mode option feature app account challenge
    trend meme memes deadline trap narrative label list status designation provision clause report book
    film song series term phrase word""".replace("\n", " ")
)  # fmt: skip
_DETERMINERS = wordset("the a an this that these those its their his her our your my so-called")

# --------------------------------------------------------------------------------------------------------------
# Compiled regexes (named for what they match)
# --------------------------------------------------------------------------------------------------------------

# Letters that re.IGNORECASE matches besides the two ASCII cases (Python's simple case folding): the caseless
# tries below spell these out so that a plain (case-sensitive) regex matches exactly what re.IGNORECASE would.
_CASE_EXTRAS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}  # İ ı, the Kelvin sign, ſ


def _caseless_trie(words: Iterable[str]) -> str:
    r"""A regex matching each of ``words`` (letters) in any case, exactly as ``re.IGNORECASE`` would.

    Written as a trie of character classes (``[sSſ][aA](?:[iI..][dD]|[yY](?:[sS..])?)``) rather than an
    ignore-case alternation: the regex engine skips a class that does not match without entering the branch,
    so the cost per position no longer grows with the number of words. At a given position at most one word
    can be followed by a word boundary, so the order of the branches does not change what matches there.

    Example:
        >>> text = "SAYS say sayS \u212aiſſ sayings İt"  # \u212a: the Kelvin sign
        >>> new = re.compile(rf"\b(?:{_caseless_trie(['say', 'says', 'kiss', 'it'])})\b")
        >>> old = re.compile(r"\b(?:says|kiss|say|it)\b", re.I)
        >>> [m.group() for m in new.finditer(text)] == ["SAYS", "say", "sayS", "\u212aiſſ", "İt"]
        True
        >>> [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
        True

        The extra letters of ``_CASE_EXTRAS`` are all that this Python's ``re.IGNORECASE`` adds:

        >>> every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
        >>> extra = sorted({x for x in re.findall("[a-z]", every, re.I) if not x.isascii()})
        >>> {c: "".join(x for x in extra if re.fullmatch(c, x, re.I)) for c in _CASE_EXTRAS} == _CASE_EXTRAS
        True
        >>> all(any(re.fullmatch(c, x, re.I) for c in _CASE_EXTRAS) for x in extra)
        True
    """

    def atom(ch: str) -> str:
        if not ch.isascii() or not ch.isalpha():
            raise ValueError(f"_caseless_trie: only ASCII letters, not {ch!r}")
        return f"[{ch}{ch.upper()}{_CASE_EXTRAS.get(ch, '')}]"

    return word_trie((w.lower() for w in words), letter=atom)


QUOTE_MARK_RE = re.compile(r"''|``|[“”\"‘’'«»„]")  # '' and `` first: doubled ASCII marks are one mark
# a character that may begin a QUOTE_MARK_RE match (a backtick only when doubled): one class scans faster
QUOTE_MARK_START_RE = re.compile(r"[“”\"‘’'«»„`]")
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n\s*")
# a speech verb (any case) as a whole word; same matches as r"\b(?P<verb>say|says|…|put\s+it)\b" with re.I
SPEECH_VERB_RE = re.compile(
    rf"\b(?P<verb>{_caseless_trie(_SPEECH_VERBS)}|{_caseless_trie(['put'])}\s+{_caseless_trie(['it'])})\b"
)
_NAME_TOKEN = r"(?:[A-Z][\w’'&.-]*[\w.]|[A-Z])"
_NAME_RUN = rf"{_NAME_TOKEN}(?:\s+(?:(?:of|for|and|the|de|van|von|bin|al|da|di|le)\s+)*{_NAME_TOKEN})*"
NAME_RUN_END_RE = re.compile(rf"(?P<run>{_NAME_RUN})\s*$")
THE_NAME_END_RE = re.compile(rf"(?:^|(?<=\s))[Tt]he\s+(?P<run>{_NAME_RUN})\s*$")
NAME_RUN_START_RE = re.compile(rf"\s*(?P<run>{_NAME_RUN})")
APPOSITION_END_RE = re.compile(rf"(?P<run>{_NAME_RUN}),\s+(?P<appos>[^,;:“”\"()]{{2,160}}?),\s*$")
# a role, then the person's name set off by commas: "Her senior policy adviser, Jake Sullivan," (a lower-case
# word before the first comma: the role's noun)
NAME_IN_APPOSITION_END_RE = re.compile(rf"\b[a-z][\w-]*,\s+(?P<run>{_NAME_RUN}),\s*$")
# "Gilberthorpe, 54, who runs the bakery," / "Gilberthorpe, 54,": an age and a relative clause after the name
RELATIVE_APPOSITION_END_RE = re.compile(
    rf"(?P<run>{_NAME_RUN}),\s+(?:(?P<age>\d{{1,3}}),\s+)?(?:(?:who|whose)\s[^;:“”\"()]{{2,160}}?,\s*)?$"
)
# "a spokesperson for Nvidia", "an official at the Treasury": a description of someone by their organization
ROLE_FOR_ORG_END_RE = re.compile(
    rf"(?:^|(?<=\s))(?:(?:[Aa]n?|[Tt]he|[Oo]ne)\s+)?(?:(?:senior|top|former|chief|deputy|press)\s+)?"
    rf"(?P<head>spokes(?:person|man|woman)|representative|official|officer|executive|adviser|advisor|aide|"
    rf"lawyer|attorney|director|analyst|economist|member|leader|strategist|secretary)\s+(?:for|of|at|with|from)"
    rf"\s+(?:the\s+)?(?P<org>{_NAME_RUN})\s*$"
)
APPOSITION_START_RE = re.compile(r",\s+(?P<appos>[^,;:“”\"()]{2,100}?)(?=[,.;]|$)")
AFFILIATION_END_RE = re.compile(
    rf"(?P<run>{_NAME_RUN})\s+(?:from|of|at|with|for)\s+(?:the\s+)?(?P<org>{_NAME_RUN})\s*$"
)
DESCRIPTOR_END_RE = re.compile(
    r"(?:^|(?<=\s))(?:(?P<det>[Aa]n?|[Tt]he|[Aa]nother|[Oo]ne)\s+)?"
    r"(?P<mods>(?:(?:[A-Z][\w’'.&-]*|[A-Z][\w.&-]*[’']s)\s+)*)"
    r"(?P<head>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s*$"
)
APPOSITION_PARTS_RE = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?P<title>[\w .’'&-]+?)\s+(?:of|at|for|from|with)\s+(?:the\s+)?(?P<org>.+)$"
)
TRAILING_AUXILIARIES_RE = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|also|later|then|once|previously|reportedly|publicly|recently|"
    r"directly|not|never|further|would|will|could|may|might|had\s+previously|[a-z]+ly))+\s*$"
)
CLAUSE_BOUNDARY_RE = re.compile(
    r"[;:()“”\"—–]|,(?!\s+(?:CEO|CFO|CTO|chief|head|founder|president|director|spokes\w+|a|an|the)\b)"
    r"|\b(?:while|whereas|but|because|although|though|that|which|who|when|where|if|since|after|before|as|As"
    r"|and|so|then)\b"
)
VERB_TAIL_END_RE = re.compile(
    r"(?P<verb>\b[A-Za-z]+)(?P<tail>\s+(?:on|in|to|at|during|via|through|with|after|before|from|over|later|"
    r"earlier|yesterday|today|recently|publicly|privately|simply|bluntly|flatly|firmly|also|again|of|about|"
    r"for|as|when|while|last|this|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"[^,:;“”\"]{0,60}?)?\s*[:,]\s*(?:that\s+)?$"
)
ACCORDING_TO_RE = re.compile(r"\b[Aa]ccording\s+to\s+")
POST_LEAD_RE = re.compile(r"\s*[,—–-]?\s*")
NAMING_CUE_END_RE = re.compile(
    r"(?:\b(?:known\s+as|called|dubbed|termed|named|nicknamed|label(?:l)?ed|branded|coined|so-called|titled|"
    r"entitled|author\s+of|authors\s+of|book|article|report|essay|film|song|show|hashtags?|slogans?|the\s+term|"
    r"the\s+word|the\s+phrase|the\s+words|the\s+phrases|like|such\s+as)\s*[,:]?\s*)$",
    re.I,
)
DETERMINER_END_RE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|their|his|her|our|your|my|so-called)|[A-Za-z][’']s|s[’'])"
    r"(?:\s+[a-z][\w-]*(?:ed|al|ive|ous|ic|ful|less|able|ible|ary|ant|ent|ish|called))?\s*$",
    re.I,
)
CATEGORY_AFTER_RE = re.compile(r"\s*(?P<noun>[a-z][\w-]*)\b")
WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")
LOWER_WORD_AFTER_RE = re.compile(r"\s+[a-z]")
FULL_STOP_WORD_RE = re.compile(r"[A-Z][a-z]+\.")
POSSESSIVE_END_RE = re.compile(r"[’']s$")
# a pronoun opening a sentence, maybe after a conjunction: "He then appeared, saying …", "But she wrote, adding …"
PRONOUN_OPENING_RE = re.compile(r"\s*(?:(?:But|And|So|Then|Later|Still)\s+)?(?P<p>He|She|They|We|I|It)\b")
# a lower-case modifier of an office before a capitalized name: "former Sen. Evan Bayh", "then-Gov. Mitt Romney"
FORMER_BEFORE_NAME_RE = re.compile(
    r"\s*(?:former|then|retired|longtime|outgoing|acting|the\s+late)[\s-]+(?=[A-Z])"
)
PRONOUN_START_RE = re.compile(r"\s*(?P<p>he|she|they|we|I|it)\b")
DESCRIPTOR_START_RE = re.compile(
    r"\s*(?:(?:a|an|the|another|one)\s+)?(?P<mods>(?:[A-Z][\w’'.&-]*\s+)*)(?P<head>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})"
)
FIRST_WORD_RE = re.compile(r"(?P<verb>[A-Za-z]+)\b")
ACCORDING_TO_START_RE = re.compile(r"[Aa]ccording\s+to\b")
CLAUSE_PUNCTUATION_RE = re.compile(r"[.!?;:“”\"]")
# the full stop of an honorific, a title or an initial ("Mr. Tribe", "Sen. Rubio", "Harry M. Reid"): not a
# sentence's end
ABBREVIATION_STOP_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Messrs|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|Rev|Gov|Atty|Supt|Jr|Sr|"
    r"St|[A-Z])\.|\b[A-Z][a-z]{1,5}\.(?=,)"  # and a state's abbreviation inside an apposition: "Cambridge, Mass.,"
)
# an honorific or an initial ending a text, where a sentence splitter may cut: "Gov.", "Mr.", "J."
HONORIFIC_STOP_END_RE = re.compile(
    r"(?:^|(?<=[\s(“\"']))(?:Mr|Mrs|Ms|Messrs|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|Rev|"
    r"Atty|Supt|Pres|Sec|[A-Z])\.\s*$"
)
# what may follow "X said" when that attribution opens the sentence after a quotation: its end, or a tail
# ("on Tuesday", "in a statement", "of the video", ", adding") — not an object clause ("X said the plan …")
ATTRIBUTION_TAIL_START_RE = re.compile(
    r"\s*(?:[.,;:!?)—–]|$|(?:on|in|at|to|of|about|during|after|before|from|with|while|when|as|last|this|"
    r"yesterday|today|tonight|later|earlier|recently|again|then|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b)"
)
# a past-tense verb not in the lexicon, read as a speech verb only where the syntax says it is one:
# "“…,” Toomey fumed", "Mr. Christie gloated: “…”"
PAST_TENSE_RE = re.compile(r"[a-z]{2,}ed")
# "Continued Stone: “…”" (verb first), "Pew Research: “…”" (a name, then a colon, opening its clause)
INVERTED_INTRO_END_RE = re.compile(
    rf"(?:^|(?<=[.!?—–-]\s))\s*(?:(?P<verb>[A-Z][a-z]+(?:ed|s))\s+)?(?P<run>{_NAME_RUN})\s*:\s*$"
)
# a name opening a sentence as its subject ("Humphrey, for example, said …", "But Clinton said she …"): the
# antecedent a reader gives a later "he" or "she"
SUBJECT_NAME_RE = re.compile(  # the boundary is consumed, not looked behind: most positions fail at once
    rf"(?:^|\n|[.!?][”\"’']?\s|,\s)(?:(?:But|And|So|Yet|Still|Now|Then|Later|Earlier|Meanwhile|However|Instead|"
    rf"Asked|Also),?\s+)?(?P<run>{_NAME_RUN})(?=,|\s+[a-z])"
)
HONORIFIC_GENDER = {"Mr.": "he", "Mr": "he", "Mrs.": "she", "Mrs": "she", "Ms.": "she", "Ms": "she"}
# "said Florida-based Republican strategist Al Cardenas": lower-case title words between an affiliation and a name
TITLED_NAME_AFTER_RE = re.compile(rf"\s+(?P<title>(?:[a-z][\w-]*\s+){{1,3}})(?P<run>{_NAME_RUN})")
# "former secretary of state Hillary Clinton": lower-case title words, then the name
LOWER_TITLED_NAME_START_RE = re.compile(
    rf"\s*(?P<title>(?:(?:[a-z][\w-]*|of)\s+){{1,5}})(?P<run>{_NAME_RUN})"
)
# what a subject search may return that names nobody: a contraction ("I’m"), initials ("N.H."), a participle
# that opens a sentence before its subject ("Asked about it, he said"; a list, not every word in -ed: Zaheed,
# Reed, Jared, Ahmed are names), a bare adjective or determiner ("senior", "another")
NOT_A_SPEAKER_RE = re.compile(
    r"\S*[’'](?:m|re|ve|ll|d|t)\b.*|(?:[A-Z]\.){1,3}|(?:Asked|Pressed|Questioned|Reached|Contacted|Interviewed|"
    r"Challenged|Confronted|Informed|Prompted|Quoted|Told|Speaking|Responding|Writing|Addressing|Talking)"
    r"|(?:\w+\s+)*(?:senior|former|top|another|one|other|several|some|many|both|each|all|most|such)"
)
# a capitalized word of four letters or more with a full stop: a sentence's last word ("Reuters.", "Egypt."),
# unless a common abbreviation ("Calif.", "Corp.", "Sept.")
SENTENCE_END_WORD_RE = re.compile(
    r"(?!(?:Calif|Mass|Conn|Wash|Tenn|Okla|Penn|Minn|Mich|Wisc|Ariz|Colo|Nev|Corp|Dept|Sept|Prof|Capt|Cmdr|"
    r"Supt|Atty|Sens|Reps|Messrs|Rev|Gen|Univ|Assn|Bros|Inc|Ltd)\.)[A-Z][\w’'-]{3,}\."
)
# a common speech verb right after a name: "(Sanders) said", "(Reynolds) says"
SPEAKING_AFTER_RE = re.compile(r"\s+(?:said|says|told|tells|added|adds|asked|wrote)\b")
# a party-and-state tag after a politician's name: "(D-Nev.)", "(R-Texas)", "(I-Vt.)"
PARTY_TAG_RE = re.compile(
    r"\s*\((?:[DRI]|Dem|Rep|Ind)(?:-[A-Z][A-Za-z. ]{1,20})?\)|,\s+[DRI]-[A-Z][A-Za-z.]{1,12},"
)
PUT_IT_END_RE = re.compile(r"\bput\s+it\s*[:,]\s*$")
COMMA_END_RE = re.compile(r",\s*$")
DASH_OR_PARENTHESIS_END_RE = re.compile(r"(?:\s[-—–]|[—–(])\s*$")
INTRODUCING_PUNCTUATION_END_RE = re.compile(r"[:,]\s*$")
# a sentence's end inside a short stretch: ! ? ; or a full stop after a word of three lower-case letters or more
SENTENCE_STOP_RE = re.compile(r"[!?;]|[a-z]{3}\.(?:\s|$)")
INNER_SENTENCE_END_RE = re.compile(r"[.!?]\s+\S")
PERSON_CANDIDATE_RE = re.compile(rf"(?P<run>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}})")
LOCATIVE_BEFORE_RE = re.compile(r"\b(?:in|at|from|to|near|across|of|into|via|on)\s+(?:the\s+)?$")
ELISION_AFTER_RE = re.compile(r"(?:\d|em\b|tis\b|twas\b|n\b|cause\b)", re.I)
