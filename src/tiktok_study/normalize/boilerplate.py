"""Lines that are not the article, each cut by a named rule (the ``rule`` column of the ``removed`` table).

The rules follow from how news pages are built, not from any one outlet's words:

* a page repeats its headline (a short line equal to the title), stamps outlet labels ("X Selected",
  "Sponsored", a label doubled by a scrape: "X Selected X Selected");
* images leave captions and credits behind ("Image source: …", "Photo: …", "… (Photo by X/Getty Images)");
* follow / subscribe / share / newsletter blocks are short imperative lines with a call-to-action object
  ("Subscribe to our newsletter", "Join X community to stay tuned"), social links are a URL alone or a
  "Platform: URL" line, share bars list platform names;
* related-stories lists put a category label glued to a relative time ("Sports2 months ago") before a headline,
  or sit after a "Related"/"Read more" label, or trail the article as a run of short title-case lines after a
  separator; navigation menus are runs of one-to-three-word lines or ``|``-separated labels before the headline
  or after the text;
* paywall notices, copyright and disclaimer lines, reading-time stamps, comment prompts, archiver fetch notes;
* author-bio footers ("The author is a reporter for …"), also when glued to the end of the last paragraph
  after a dash.

:data:`RULES` names every rule the normalizer can record (metadata lines such as the byline are cut too, under
``metadata:*`` rules, since they are not body text). :func:`line_rule` applies the rules that need no context;
:func:`tiktok_study.normalize.neighbours.mark_context` the ones that need the neighbouring lines.

Each rule's regex sits beside the plain-text guard that skips it when it cannot match (issue 16); the word count
and the line key every rule asks for are in :mod:`tiktok_study.normalize.words`.

Example:
    >>> [line_rule(s) for s in ("Image source: CCTV News", "Telegram:https://t.me/x", "Sports2 months ago",
    ...                         "TikTok said it would appeal the ruling in a statement on Friday.")]
    ['caption-credit', 'social-link', 'related:label-time', None]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from tiktok_study.normalize.line_tests import OnMatch, joined
from tiktok_study.normalize.rules import RULES
from tiktok_study.normalize.words import (  # noqa: F401 - CJK, WORD, KEY_CHARS: read by the other rule modules
    CJK,
    KEY_CHARS,
    WORD,
    title_key,
    word_count,
)

__all__ = [
    "RULES",
    "bio_tail",
    "doubled",
    "ends_sentence",
    "is_bio_line",
    "is_headline_like",
    "is_prose",
    "is_title_case",
    "line_rule",
    "title_key",
    "word_count",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes, together -------------------------------------------------------------------------------
LETTERS = re.compile(r"[^\W\d_]")
INTERNAL_SENTENCE = re.compile(r"[a-z0-9\u3400-\u9fff][.!?。！？][\"'”’]?\s+[\"“‘]?[A-Z]")

URL = r"(?:https?://|www\.)[^\s<>]{2,2000}|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|cn|io|co|uk|de|fr|info|news|me|tv|app|ly)(?:/[^\s<>]*)?"
HANDLE = r"@[A-Za-z0-9_.]{2,40}"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
BARE_URL = re.compile(rf"^[<(\[]?(?:{URL}|{HANDLE}|{EMAIL})[>)\]]?[.,]?$", re.I)
SOCIAL_LINK = re.compile(
    rf"^[^\s:：][^:：\n]{{0,40}}?\s*[:：]\s*[<(\[]?(?:{URL}|{HANDLE}|{EMAIL})[>)\]]?$", re.I
)

CAPTION_CREDIT = re.compile(
    r"^[\[(*]?\s*(?:"
    r"(?:(?:cover|header|featured|top|lead|main|file|hero|feature) )?(?:images?|photos?|photographs?|pictures?|pics?|"
    r"videos?|graphics?|illustrations?|infographics?|charts?|maps?|screenshots?|screengrabs?|visuals?)"
    r"\s*(?:source|sources|credits?|courtesy|caption)?\s*[:：|｜/]\s*\S"
    r"|(?:images?|photos?|photographs?|pictures?|illustrations?|videos?|graphics?)\s+(?:by|courtesy(?: of)?|via|from)\s+\S"
    r"|(?:credits?|caption|courtesy(?: of)?|photo credit|image credit)\s*[:：]\s*\S"
    r"|(?:foto|fotos|bild|bilder|grafik|abbildung|quelle)\s*[:：|/]\s*\S"
    r"|(?:图片来源|图源|图片|摄影|视频来源|视频|图|头图来源|题图来源|封面来源|封面图片|头图|题图)\s*[:：|｜/]\s*\S"
    r"|file photo\b"
    r"|(?:images?|photos?|pictures?|media|videos?)\s+(?:copyright|caption|credits?|source)\b"
    r")",
    re.I,
)
# a line that is only a photo agency's credit ("AFP via Getty Images", "(AP Photo/Mark Schiefelbein)", "EPA/Jane Doe")
AGENCY_CREDIT = re.compile(
    r"^\(?(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?: via |/))?"
    r"(?:getty images|shutterstock|alamy|ap photo|afp|reuters|epa(?:-efe)?|xinhua|imago|picture alliance)"
    r"(?:/[^\W\d_][\w .'’-]{1,40})*\)?$",
    re.I,
)
# an end-of-article marker ("END", "(完)", "-30-", "###" of a press release): the page after it is chrome
END_MARKER = re.compile(r"^[\W_]*(?:end|the end|ends|完|全文完)[\W_]*$|^\s*(?:-30-|#{3})\s*$", re.I)
# "X is pictured …", "… REUTERS/Fred Greaves/File photo": a photo caption with an agency credit
CAPTION_PICTURED = re.compile(
    r"\b(?:is|are|was|were) (?:pictured|seen|shown)\b.{0,300}(?:\b[A-Z]{2,}(?: [A-Z]{2,})?/[A-Z]|\((?:photo|image)\b)"
    r"|\b(?:REUTERS|AFP|AP|EPA|XINHUA|GETTY IMAGES|BLOOMBERG)/[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}(?:/File(?: [Pp]hoto)?)?\b",
)
VIDEO_PROMO = re.compile(
    r"^[*_]*(?:media playback is unsupported\b|(?:watch|video|listen|play)[*_]*\s*[|:：]|▶|►|watch now\b|"
    r"watch the (?:full )?video\b|click to play\b|视频[:：|])",
    re.I,
)
ENGAGEMENT = re.compile(
    r"^(?:was this (?:article|story|page|information) (?:valuable|helpful|useful|informative)\??|"
    r"did you (?:like|enjoy|find) this\b.{0,40}|how (?:useful|helpful|valuable) was this\b.{0,40}|"
    r"rate this (?:article|story)\b.{0,20}|(?:here are )?more (?:articles|stories) (?:you may|you might|to) enjoy\.?|"
    r"what do you think\?|tell us what you think\b.{0,40}|本文已被查看.{0,20}|轻点两下取消.{0,10}|"
    r"(?:已)?(?:点赞|在看|收藏)(?:\s*\d+)?)$",
    re.I,
)
CAPTION_TAIL = re.compile(
    r"(?:(?<=\s)(?:FOTO|Foto|PHOTO|Photo|IMAGE|Image|Imagen|Bild|Credit|Crédito)s?\s*[:：]\s*[^\s:：.][^:：.!?]{0,50}$|[\[(](?:photos?|images?|pictures?|videos?|credits?|file|graphics?|illustrations?|screenshots?)\b[^()\[\]]{0,120}[\])]"
    r"|[/|]\s*(?:getty images|afp|reuters|ap photo|ap|xinhua|epa|shutterstock|istock|imago|dpa|picture alliance|"
    r"盖蒂图片社|法新社|路透社|美联社|新华社|视觉中国|东方IC)"
    r"(?: via [\w ]{1,30})?\)?)\s*$",
    re.I,
)
# what every CAPTION_TAIL match contains (or it ends on a bracket), what every CAPTION_PICTURED match contains
CAPTION_TAIL_MARKS = (":", "：", "/", "|")
CAPTION_PICTURED_MARKS = ("/", "(photo", "(image")
PROMO_WORDS = (
    r"selected|exclusive|original|originals|sponsored|advertisement|advertorial|promoted|featured|recommended|"
    r"partner content|paid post|paid content|editor['’]?s picks?|top picks?|anzeige|werbung|广告|推广|精选|原创"
)
PROMO_LABEL = re.compile(
    rf"^(?:(?:[\w&'’.\-]+\s+){{0,4}}(?:{PROMO_WORDS})|(?:{PROMO_WORDS}|ad|ads|presented by|brought to you by|"
    rf"in partnership with|sponsored by)(?:\s+[\w&'’.\-]+){{0,4}})[:.!]?$",
    re.I,
)
CTA_VERB = (
    r"follow|like|join|subscribe|sign\s*up|sign-up|register|download|install|get|grab|click|tap|scan|share|"
    r"forward|support|donate|become|contribute|listen|watch|read|check out|stay|don['’]t miss|never miss|"
    r"want|enjoy(?:ed)?|love|add|turn on|enable|visit|contact|send|email|e-mail|write to|tell|find|keep up|unlock"
)
# objects that make a prompt a call to action wherever they stand in a short line …
CTA_STRONG_OBJECT = (
    r"newsletters?|inbox|subscribe|subscription|subscribers?|podcasts?|channel|community|communities|membership|"
    r"alerts?|notifications?|whatsapp|telegram|facebook|twitter|instagram|youtube|linkedin|wechat|weibo|rss|"
    r"briefing|digest|journalism|this (?:article|story|post)|stay tuned|follow us|our app"
)
# … and weak ones that count only in very short lines ("Download our app today", "Read more here")
CTA_WEAK_OBJECT = (
    r"us|our|here|below|above|today|now|free|feed|page|account|handle|app|list|e-?mails?|friends?|updates|"
    r"tuned|member"
)
CALL_TO_ACTION = re.compile(
    rf"^[^\w]{{0,4}}(?:please\s+)?(?:{CTA_VERB})\b.{{0,120}}?\b(?:{CTA_STRONG_OBJECT})\b"
    r"|^[^\w]{0,4}(?:thanks? (?:you )?for (?:reading|subscribing|signing up)|if you (?:liked|enjoyed|like|enjoy|found) "
    r"(?:this|our|the) (?:post|article|story|newsletter|piece|video|content)|folgen sie uns|abonnieren sie|"
    r"jetzt abonnieren|newsletter abonnieren|关注|订阅|扫码|点击|长按)",
    re.I,
)
CALL_TO_ACTION_SHORT = re.compile(
    rf"^[^\w]{{0,4}}(?:please\s+)?(?:(?:{CTA_VERB})\b.{{0,60}}?\b(?:{CTA_WEAK_OBJECT})\b|(?:subscribe|sign\s*up|sign-up)\b)",
    re.I,
)
FORM_LINE = re.compile(
    r"^(?:(?:enter |type )?(?:your )?e-?mail(?: address)?|first name|last name|submit|unsubscribe\b.{0,80}|"
    r"by (?:signing up|subscribing|clicking|registering)\b.{0,200}|we (?:respect|care about|will never share|"
    r"won['’]t share) your (?:privacy|e-?mail)\b.{0,120}|(?:see |read )?our privacy (?:policy|notice)\b.{0,80}|"
    r"you (?:can|may) unsubscribe\b.{0,120}|check your inbox\b.{0,80}|no spam\b.{0,60})[.!]?$",
    re.I,
)
NEWSLETTER_WORDS = re.compile(
    r"\b(?:newsletters?|inbox|e-?mails?|briefing|digest|weekly|daily|morning|evening|edition|subscribe|"
    r"unsubscribe|sign(?:ing)? up|privacy|delivered|free)\b",
    re.I,
)
SHARE_WORD = (
    r"share|share this|share on|facebook|twitter|x|linkedin|whatsapp|telegram|email|e-mail|print|reddit|"
    r"pinterest|wechat|weibo|copy link|copy|messenger|tumblr|flipboard|pocket|sms|threads|bluesky|mastodon|tweet"
)
SHARE_BAR = re.compile(rf"^(?:(?:{SHARE_WORD})\s*(?:[|•·,/:]\s*)?){{2,}}$", re.I)
INTERFACE_LABEL = re.compile(
    r"^(?:menu|search|close|skip to (?:main )?content|skip navigation|back to top|top|next|previous|prev|"
    r"next article|previous article|next story|print|share|save|bookmark|copy link|listen|listen to this article|"
    r"play|pause|loading(?:\.\.\.|…)?|load more|share this|like this|jump to comments|continue reading below|"
    r"scroll to continue|show more|see more|view more|more|expand|collapse|advertisement|"
    r"log ?in|sign ?in|log ?out|sign ?out|my account|account|subscribe|sign up|register|follow|"
    r"continue reading|read more|see all|view all|privacy policy|privacy notice|terms of use|terms of service|"
    r"terms and conditions|cookie policy|cookie settings|about us|about|contact us|contact|imprint|impressum|"
    r"datenschutz|careers|help|faq|sitemap|zurück|weiter|mehr|teilen|drucken|返回顶部|分享|收藏|"
    r"go to (?:the )?(?:source|original|article)|learn more|find out more|in brief|view options|"
    r"see (?:all )?(?:plans|options)|posted|published|updated|opens? (?:in )?(?:a )?new (?:tab|window)|"
    r"阅读原文|查看原文|原文链接)[.:!]?$",
    re.I,
)
BREADCRUMB = re.compile(r"^(?:home|start|startseite|首页)\s*[>»›/]", re.I)
# the buttons and notices of a Chinese platform's page (WeChat, Toutiao, Tencent), alone or flattened on one line
CJK_UI_WORDS = frozenset({
    "预览时标签不可点", "关注该公众号", "继续滑动看下一个", "轻触阅读原文", "向上滑动看下一个", "知道了", "取消",
    "允许", "分析", "视频", "小程序", "赞", "在看", "分享", "留言", "收藏", "听过", "写留言", "阅读原文", "不喜欢",
    "轻点两下取消赞", "轻点两下取消在看", "使用小程序", "使用完整服务", "×", "微信扫一扫", "微信扫一扫可打开此内容",
    "点赞", "转发", "举报", "复制链接", "展开全文", "收起", "打开APP", "打开app", "下载APP", "返回", "更多",
})  # fmt: skip
# a short Chinese prompt to like, share, follow or scan ("好看你就分享 有用就点个赞")
CJK_CALL_TO_ACTION = re.compile(
    r"点击(?:这里|此处|链接|下方)|扫描?二维码|点个?赞|点(?:个)?在看|(?:关注|订阅)(?:我们|公众号|本号)|扫码(?:关注|加入|添加)|欢迎(?:关注|分享|转发)|分享给(?:朋友|更多)"
)
CJK_UI_SPLIT = re.compile(r"[\s，,、。：:]+")
CJK_VIEWS = re.compile(
    r"^(?:本文已被查看|阅读|浏览|已阅)\s*[:：]?\s*[\d,.万]+\s*次?$|^本文已被查看.{0,20}$"
    r"|^(?:IP\s*)?(?:所属地|属地|归属地)\s*[:：]?\s*\S{1,8}$"  # a poster's IP location stamp ("所属地 上海")
)
PAGE_NOTICE = re.compile(
    r"^(?:this (?:article|story|content|page) is (?:more than|over) (?:\d+|a|an|one) \w+ old|why you can trust \S.{0,40}|"
    r"you(?:'re|’re| are) reading\b.{0,60}|listen to (?:this|the) (?:article|story)\b.{0,40}|"
    r"(?:explore|find) more on (?:these|this) topics?|reuse this content|most viewed|"
    r"this (?:article|story|content) (?:is|was) (?:produced|created|paid for|supported) by\b.{0,60})[.:]?$",
    re.I,
)
NAV_SPLIT = re.compile(r"\s*(?:\||•|·|»|›|>|\s/\s)\s*")
PAYWALL = re.compile(
    r"^[^\w]{0,4}(?:"
    r"(?:subscribe|sign in|log in|login|register|become a (?:subscriber|member)|create (?:a free )?account)\b.{0,80}?"
    r"\b(?:to (?:continue|keep) reading|to read (?:the )?(?:full|rest|more|this|on)|to (?:unlock|access|view)|"
    r"for (?:full|unlimited|complete) access|to get (?:full|unlimited) access)"
    r"|(?:to )?continue reading\b.{0,60}?\b(?:subscri|sign in|log in|register|account|member|premium)"
    r"|this (?:article|story|content|piece|page) is (?:only |exclusively )?(?:available |reserved )?(?:only |exclusively )?"
    r"(?:for|to) (?:our )?(?:paying )?(?:subscribers|members|premium)"
    r"|you(?:['’]ve| have) (?:reached|used|read) (?:your|all (?:of )?your|the) (?:limit|maximum|free|monthly)"
    r"|already (?:a )?(?:subscriber|member|have an account)\b"
    r"|(?:subscriber|member|premium)s?[- ]only\b"
    r"|unlock (?:this|the full|the rest of|unlimited)\b"
    r"|(?:get|enjoy|gain|start) (?:unlimited|full|complete|digital|premium) (?:digital )?access\b"
    r"|(?:the rest of|read the full) (?:this )?(?:article|story)\b.{0,40}?(?:subscri|premium|member)"
    r"|(?:this is|you are reading) (?:a )?(?:premium|subscriber|exclusive)[- ](?:article|content|story)"
    r"|dieser (?:artikel|beitrag|inhalt) ist (?:nur |exklusiv )?(?:für|exklusiv für) (?:abonnent|plus|abo)"
    r"|(?:jetzt )?weiterlesen mit\b"
    r"|(?:订阅|付费)(?:后|即可)?(?:阅读|查看)(?:全文|更多)"
    r"|.{0,80}\b(?:available|reserved|accessible) (?:only |exclusively )?(?:to|for) (?:our )?(?:paying |digital )?"
    r"(?:subscribers|members)\b"
    r"|(?:view|see|choose) (?:subscription |our )?(?:options|plans)\b"
    r"|purchase licensing rights\b"
    r")",
    re.I,
)
# a copyright line: the alternatives that start it, then the others (asking both = asking their alternation)
COPYRIGHT_AT_START = re.compile(
    r"(?:©|\(c\)\s|copyright\b|版权所有)|本文(?:为|系|是).{0,40}(?:原创|独立观点|授权|转载)",
    re.I,
)
COPYRIGHT_ANYWHERE = re.compile(
    r"all rights reserved|alle rechte vorbehalten"
    r"|ICP[证备]\s*\d|公网安备|备案号\s*[:：]|举报(?:电话|邮箱|专线)\s*[:：]|版权(?:属于|归).{0,40}所有"
    r"|转载请(?:联系|注明)|未经(?:授权|许可)[，,]?\s*(?:禁止|不得|严禁)转载",
    re.I,
)
# in every COPYRIGHT_ANYWHERE match, without re.I (which turns off the engine's fast scan); these letters have no
# case partners under re.I but their ASCII capitals (tests/test_normalize_speed.py asks the re module)
COPYRIGHT_HINT = re.compile(r"[Ll][Ll] [Rr]|[Rr][Ee][Cc][Hh][Tt][Ee] [Vv]|[证备公举版转未]")
DISCLAIMER = re.compile(
    r"^[\[(*_–—-]*\s*(?:editor['’]?s note\s*[:：]\s*)?(?:(?:the )?(?:views?|opinions?)(?: and opinions?)? "
    r"(?:expressed|in this (?:article|piece|column|commentary)|are (?:those|solely|the author))"
    r"|disclaimer\s*[:：]|this (?:article|piece|column|commentary) (?:reflects|represents|does not (?:necessarily )?reflect)"
    r"|die meinung des autors|本文(?:仅)?代表作者(?:个人)?观点)",
    re.I,
)
READING_TIME = re.compile(
    r"^(?:\d{1,3}\s*(?:-|\s)?\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|reading time|lesezeit)"
    r"|(?:reading time|lesezeit|estimated reading time)\s*[:：]?\s*(?:about\s+)?\d{1,3}\s*min(?:ute)?(?:s|n|uten)?\.?"
    r"|阅读(?:时间|时长)?\s*[:：]?\s*\d{1,3}\s*分钟)[.)]?$",
    re.I,
)
COMMENTS = re.compile(
    r"^(?:\d+\s+comments?|comments?(?:\s*\(\d+\))?|(?:leave|post|add|write|view|show|see|read|join) (?:a |the |all |\d+ )?"
    r"(?:comments?|replies|discussion|conversation)\b.{0,40}|kommentare?|评论(?:\s*\d+)?)[.:!]?$",
    re.I,
)
ARCHIVER = re.compile(
    r"^[\[(]?\s*(?:(?:retrieved|accessed|fetched|archived|saved|captured|scraped|downloaded|crawled)"
    r"(?: (?:on|at|from|from the original|via))?\b.{0,200}"
    r"|(?:archived|saved) (?:copy|version|from)\b.{0,200}|wayback machine\b.{0,200}"
    r"|(?:page |content )?(?:saved|clipped|captured) (?:with|by|using) .{0,200})$",
    re.I,
)
RELATED_HEADER = re.compile(
    r"^(?:related(?: (?:articles?|stories|news|posts|content|coverage|reading|links|topics))?|read (?:more|also|next)|"
    r"also read|see also|more (?:from|on|in|stories|news|like this|to read|coverage|articles)\b.{0,40}|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| reading| stories| articles)?|"
    r"trending(?: now| stories| articles)?|most (?:read|popular|viewed|shared|recent)|popular (?:now|stories|articles)|"
    r"latest (?:news|stories|articles|posts)|top stories|what to read next|further reading|editor['’]?s picks|"
    r"weiterlesen|mehr zum thema|lesen sie auch|das könnte sie auch interessieren|相关(?:阅读|文章|新闻|推荐)|推荐阅读|延伸阅读|热门文章|"
    r"(?:art[ií]culos |noticias |entradas )?relacionad[oa]s|te puede interesar|leer m[aá]s|tambi[eé]n te puede interesar|"
    r"topics|tags|newsletters?|references|参考(?:链接|资料|文献|来源)|相关阅读|往期(?:推荐|回顾|精选)|推荐阅读)"
    r"\s*(?:[:：]|>>|»|›|→)?$",
    re.I,
)
RELATED_LINK = re.compile(
    r"^[\[(]?\s*(?:(?:read more|also read|read also|see also|related|read next|recommended|more|lesen sie auch|"
    r"mehr zum thema|相关阅读|推荐阅读|延伸阅读)\s*[:：|»›>]"
    r"|related (?:story|stories|article|articles|coverage|content|news|reading|video|videos)\s*[:：|»›>]?"
    r"|(?:read|see|watch) (?:more|also)\s*[:：|»›>]?(?=\s+[A-Z\"“‘]))\s*\S.{0,200}$",
    re.I,
)
# A category label (one or two capitalised words, or CJK) glued to a lowercase relative time: a page stamp,
# unlike a title-case headline ("Firm Collapsed 3 Years Ago") or a sentence ("He left 3 years ago.").
LABEL_TIME = re.compile(
    r"^(?:(?:[A-Z\u00c0-\u00de][\w&'’./-]{0,30}(?:\s+[A-Z\u00c0-\u00de&][\w&'’./-]{0,30})?|[\u4e00-\u9fff]{1,8})\s*"
    r"[|·•–—-]?\s*)?"
    r"(?:(?:\d{1,3}|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|"
    r"months?|y|yrs?|years?)\.?\s+ago|vor\s+(?:\d{1,3}|einer?|einem)\s+(?:Sekunden?|Minuten?|Stunden?|Tag(?:en)?|"
    r"Wochen?|Monat(?:en)?|Jahr(?:en)?)|\d{1,3}\s*(?:秒|分钟|小时|天|周|个月|年)前)$"
)
BIO_LINE = re.compile(
    r"^[\[(*_–—-]*\s*(?:(?:the|this|our) (?:authors?|writers?|columnists?|contributors?|reporters?|correspondents?)"
    r"\s+(?:is|are|was|were|has|have|works?|teaches|serves|writes|covers|lives)\b"
    r"|about the authors?\b|über (?:den|die) autor(?:in)?\b|作者(?:简介|系|为|是))",
    re.I,
)
NAME_BIO_LINE = re.compile(
    r"^[*_]*(?:[A-Z][\w'’.-]+\s){2,4}(?:is|was) (?:a|an|the)\b[^.]{0,160}\b(?:reporter|writer|journalist|"
    r"correspondent|editor|columnist|fellow|professor|analyst|contributor|researcher|author|director|scholar|"
    r"lecturer|commentator|producer)\b",
)
BIO_TAIL = re.compile(
    r"(?:(?<=[.!?…。”’\"')\]])\s*[–—-]+\s*|\s+[–—]+\s*)"
    r"(?P<bio>(?:the|this|our) (?:authors?|writers?|columnists?|contributors?|reporters?|correspondents?)\s+"
    r"(?:is|are|was|were|has|have|works?|teaches|serves|writes|covers)\b[^.!?]{0,300}[.!?]?)\s*$",
    re.I,
)

CLOSING_MARKS = "\"'”’»)]"
SENTENCE_MARKS = frozenset(".!?…。！？")


def ends_sentence(text: str, *, marks: frozenset[str] | str = SENTENCE_MARKS) -> bool:
    """Does ``text`` end with one of ``marks`` (closing quotes and brackets after it allowed)?"""
    return text.rstrip(CLOSING_MARKS)[-1:] in marks if text else False


def _title_end_bad(text: str) -> bool:
    return text[-1:] in (",", ";", ":")


SMALL_WORDS = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from",
    "as", "vs", "via", "into", "over", "per", "up", "out", "off", "than", "so", "yet", "is", "are", "was",
    "be", "its", "it's", "onto", "upon", "amid",
})  # fmt: skip


def is_prose(text: str) -> bool:
    """A sentence or more of running text: ends with a full stop, holds a sentence break, or is long.

    Example:
        >>> is_prose("Whether it survives or not, it will change the internet."), is_prose("Will TikTok Survive?")
        (True, False)
    """
    if len(text) > 250 or ends_sentence(text, marks=".。"):
        return True
    if len(text) >= 60 and word_count(text) > 30:
        return True
    return bool(INTERNAL_SENTENCE.search(text))


def is_headline_like(text: str, *, max_words: int = 25) -> bool:
    """Short, not prose, not ending in a comma/colon: how headlines and labels look."""
    if len(text) > 220 or _title_end_bad(text) or not LETTERS.search(text) or is_prose(text):
        return False
    return 0 < word_count(text) <= max_words


def is_title_case(text: str) -> bool:
    """Most significant words start with a capital (or the line is in capitals).

    Example:
        >>> is_title_case("US-China Tech Rivalry Intensifies Over TikTok Sale Deal"), is_title_case("The turning point")
        (True, False)
    """
    words = [w for w in WORD.findall(text) if LETTERS.match(w)]
    significant = [w for w in words if w.casefold() not in SMALL_WORDS]
    if not significant:
        return False
    upper = sum(1 for w in significant if w[0].isupper())
    return upper / len(significant) >= 0.75


def doubled(text: str) -> str | None:
    """The phrase of a line that is one phrase written twice ("X Selected X Selected" → "X Selected").

    Example:
        >>> doubled("TechFlow Selected TechFlow Selected"), doubled("Sales rose. Sales rose again.")
        ('TechFlow Selected', None)
    """
    words = text.split()
    n = len(words)
    if n < 2 or n % 2 or n > 24:
        return None
    half = n // 2
    if words[:half] == words[half:]:
        return " ".join(words[:half])
    return None


def _is_nav_line(text: str) -> bool:
    if len(text) > 200 or not any(sep in text for sep in ("|", "•", "·", "»", "›", ">", " / ")):
        return False
    if BREADCRUMB.match(text):
        return False  # "Home > World > Asia" names the section (metadata:section)
    items = [i for i in NAV_SPLIT.split(text) if i]
    if len(items) < 3:
        return False
    return all(len(i) <= 30 and word_count(i) <= 3 and not ends_sentence(i) for i in items)


def _cjk_chrome(text: str) -> bool:
    """A line made only of a Chinese page's buttons and counters ("赞 ，轻点两下取消赞 在看")."""
    if CJK_VIEWS.match(text):
        return True
    tokens = [t for t in CJK_UI_SPLIT.split(text) if t]
    return bool(tokens) and all(t in CJK_UI_WORDS for t in tokens)


def line_rule(text: str) -> str | None:
    """The context-free rule that cuts ``text`` (one cleaned line), or None.

    Lines longer than 60 words are never cut here (no boilerplate line is that long).

    Example:
        >>> [line_rule(s) for s in ("-", "TechFlow Selected TechFlow Selected", "Subscribe to continue reading",
        ...                         "Join TechFlow official community to stay tuned", "https://x.com/a")]
        ['separator', 'promo-label', 'paywall', 'call-to-action', 'bare-url']
    """
    if not any(ch.isalnum() for ch in text):
        return "separator"
    if len(text) > 600:
        return None
    n = word_count(text)
    if n > 60:
        return None
    if BARE_URL.match(text):
        return "bare-url"
    for test in _RULES_BY_WORDS[n]:
        rule = test(text, n)
        if rule:
            return rule
    return None


def _caption_tail(text: str, n: int) -> str | None:
    # no mark, no match: the membership tests skip a regex that is slow on long lines
    if not (any(mark in text for mark in CAPTION_TAIL_MARKS) or text.rstrip()[-1:] in (")", "]")):
        return None
    return "caption-credit" if CAPTION_TAIL.search(text, max(0, len(text) - 200)) else None


def _pictured(text: str, n: int) -> str | None:
    if not any(mark in text for mark in CAPTION_PICTURED_MARKS):  # each alternative needs one of them
        return None
    pictured = CAPTION_PICTURED.search(text)
    if pictured and word_count(text[pictured.end() :]) <= 4:  # the credit closes the caption
        return "caption-credit"
    return None


def _agency_credit(text: str, n: int) -> str | None:
    # a bare agency name alone ("Reuters") is a source line, not cut here
    return (
        "caption-credit" if AGENCY_CREDIT.match(text) and ("/" in text or " " in text.strip("()")) else None
    )


def _cjk_interface(text: str, n: int) -> str | None:
    # an ASCII line holds no CJK character (str.isascii reads a flag: no scan)
    return "interface-label" if not text.isascii() and CJK.search(text) and _cjk_chrome(text) else None


def _unquoted(text: str) -> bool:
    return not any(q in text for q in '“”"')


def _cjk_call_to_action(text: str, n: int) -> str | None:
    if text.isascii():  # every match is CJK
        return None
    return "call-to-action" if CJK_CALL_TO_ACTION.search(text) and _unquoted(text) else None


def _doubled(text: str, n: int) -> str | None:
    twice = doubled(text)
    if twice is None or word_count(twice) > 12:
        return None
    return "promo-label" if PROMO_LABEL.match(twice) else "doubled-line"


def _call_to_action(pattern: re.Pattern[str]) -> Callable[[str, int], str | None]:
    def test(text: str, n: int) -> str | None:
        return "call-to-action" if _unquoted(text) and pattern.match(text) else None

    return test


def _copyright(text: str, n: int) -> str | None:
    if n > 40 and (n > 60 or not CJK.search(text)):  # over 60 words, or over 40 without CJK
        return None
    if COPYRIGHT_AT_START.match(text):
        return "copyright"
    if text.isascii():  # no CJK hint character; lower() folds A-Z only: COPYRIGHT_HINT as substrings
        lowered = text.lower()
        hinted = "ll r" in lowered or "rechte v" in lowered
    else:
        hinted = COPYRIGHT_HINT.search(text) is not None
    return "copyright" if hinted and COPYRIGHT_ANYWHERE.search(text) else None


def _nav_line(text: str, n: int) -> str | None:
    return "nav-menu" if _is_nav_line(text) else None


#: The context-free line rules in the order they are tried: (most words a line may have, test -> rule or None).
LINE_RULES: tuple[tuple[int, Callable[[str, int], str | None]], ...] = (
    (12, OnMatch(SOCIAL_LINK, "social-link")),
    (60, OnMatch(CAPTION_CREDIT, "caption-credit")),
    (60, _caption_tail),
    (60, _pictured),
    (12, _agency_credit),
    (3, OnMatch(END_MARKER, "end-mark")),
    (40, OnMatch(VIDEO_PROMO, "video-promo")),
    (16, OnMatch(ENGAGEMENT, "engagement")),
    (60, _cjk_interface),
    (24, _cjk_call_to_action),
    (40, OnMatch(PAYWALL, "paywall")),
    (12, OnMatch(LABEL_TIME, "related:label-time")),
    (8, OnMatch(READING_TIME, "reading-time")),
    (6, OnMatch(RELATED_HEADER, "related:header")),
    (40, OnMatch(ARCHIVER, "archiver")),
    (40, OnMatch(RELATED_LINK, "related:link")),
    (4, OnMatch(INTERFACE_LABEL, "interface-label")),
    (16, OnMatch(PAGE_NOTICE, "interface-label")),
    (12, OnMatch(SHARE_BAR, "share-bar")),
    (6, OnMatch(PROMO_LABEL, "promo-label")),
    (24, _doubled),
    (25, _call_to_action(CALL_TO_ACTION)),
    (10, _call_to_action(CALL_TO_ACTION_SHORT)),
    (40, OnMatch(FORM_LINE, "subscribe-block")),
    (60, _copyright),
    (60, OnMatch(DISCLAIMER, "disclaimer")),
    (10, OnMatch(COMMENTS, "comments")),
    (60, _nav_line),
)
# the tests of LINE_RULES that apply to a line of n words (0 to 60), in their order, consecutive regexes joined
_RULES_BY_WORDS = tuple(joined(tuple(test for most, test in LINE_RULES if n <= most)) for n in range(61))


def is_bio_line(text: str, *, last: bool = False) -> bool:
    """A whole line that is an author bio: "The author is …", "About the author"; and, when it is the ``last``
    line of the article, "Jane Doe is a reporter …" with a full name (a story's closing line about a source
    reads "Lee is a professor …").

    Example:
        >>> is_bio_line("Jane Roe is a columnist at the Ledger.", last=True), is_bio_line("Lee is a professor.", last=True)
        (True, False)
    """
    if word_count(text) > 60:
        return False
    return bool(BIO_LINE.match(text) or (last and NAME_BIO_LINE.match(text)))


def bio_tail(text: str) -> int | None:
    """Where an author bio glued to the end of a paragraph after a dash starts, or None.

    Example:
        >>> p = "It may end in regression. –The Author is also a Reporter for CGTN Radio"
        >>> p[: bio_tail(p)]
        'It may end in regression.'
    """
    if "author" not in text.casefold() and not any(
        w in text.casefold() for w in ("writer", "columnist", "contributor", "reporter", "correspondent")
    ):
        return None
    m = BIO_TAIL.search(text, max(0, len(text) - 400))
    if not m:
        return None
    start = m.start()
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start if start > 0 else None
