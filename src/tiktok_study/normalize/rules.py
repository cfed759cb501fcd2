"""The names of every rule that can cut text (the ``rule`` column of the ``removed`` table), with what each cuts.

Example:
    >>> RULES["end-mark"]
    'an end-of-article mark (■, ®) after the last sentence'
"""

from __future__ import annotations

__all__ = ["RULES"]

#: Every rule name that can appear in ``removed.rule``, with what it cuts.
RULES: dict[str, str] = {
    "separator": "a line without letters or digits (---, * * *, a lone dash or bullet)",
    "title-repeat": "a line that repeats the headline (optionally with a '| Outlet' suffix)",
    "promo-label": "an outlet promo or ad label ('X Selected', 'Sponsored', 'Advertisement'), also doubled",
    "doubled-line": "a short line that is one phrase written twice ('Breaking News Breaking News')",
    "caption-credit": "an image caption or credit ('Image source: …', 'Photo: …', '(Photo by …/Getty Images)'), "
    "or a figure's 'Source: X' line inside the body",
    "bare-url": "a line that is only a URL, an e-mail address or a social handle",
    "social-link": "a 'Platform: URL' or 'Platform: @handle' line",
    "call-to-action": "follow / subscribe / sign-up / share / download prompts",
    "subscribe-block": "a short line inside a newsletter or sign-up block (form labels, privacy notes)",
    "share-bar": "a line of sharing platform names ('Facebook Twitter Email')",
    "interface-label": "a lone page-interface word or notice ('Menu', 'Print', 'Back to top', "
    "'This article is more than 1 month old', 'Why you can trust X')",
    "nav-menu": "navigation: '|'-separated labels, or a run of one-to-four-word lines before the headline "
    "or after the text",
    "paywall": "a paywall notice ('Subscribe to continue reading', 'Already a subscriber?')",
    "related:header": "a related-stories label ('Related', 'Read more', 'You may also like')",
    "related:link": "a related-story link ('Read more: headline')",
    "related:label-time": "a category label glued to a relative time ('Sports2 months ago', '3 hours ago')",
    "related:headline": "a headline of a related-stories list (next to a label-time line or under a label)",
    "related:trailing-list": "a run of short headline lines at the end of the page, after a separator",
    "author-bio": "an author-bio footer ('The author is a reporter for …'), whole line or glued to the "
    "last paragraph after a dash",
    "disclaimer": "an opinion disclaimer ('The views expressed are the author's own')",
    "copyright": "a copyright line ('© 2025 X. All rights reserved.')",
    "reading-time": "a reading-time stamp ('5 min read')",
    "comments": "a comments prompt ('Leave a comment', '12 comments')",
    "archiver": "an archiver's fetch note ('Retrieved 3 March 2025 from …', 'Archived from the original')",
    "duplicate-paragraph": "a paragraph that repeats an earlier paragraph of the same article word for word",
    "truncated-copy": "a shortened copy of a later paragraph (a teaser or description cut off, often with '...')",
    "video-promo": "a video promo or player notice ('WATCH | …', 'Media playback is unsupported …')",
    "engagement": "a reader-engagement prompt or box ('Was this article valuable?', questions to the reader at the end)",
    "end-mark": "an end-of-article mark (■, ®) after the last sentence",
    "promo-tail": "a publisher promo glued after the last sentence ('Get more insights with X. Learn more.')",
    "flattened-furniture": "page furniture flattened into a paragraph: a prompt, promo or caption sentence cut out "
    "of the running text, or the caption and labels before a dateline",
    "related:headline-run": "two or more short unpunctuated headline lines inside the body (a flattened related block)",
    "caption": "an unpunctuated caption line between paragraphs of the body",
    "page-footer": "everything from a footer label ('Topics', 'Related:', 'Newsletters', an event promo) to the end",
    "page-header": "page labels above the headline ('In Brief', a kicker, an image credit)",
    "wire-footer": "what follows a wire credit at the end of a flattened story (trust principles, author bio)",
    "html:comment": "an HTML comment or template tag inside a text file",
    "html:embed": "an embedded player, frame, script, style or image tag inside a text file",
    "html:figure": "a figure with its caption and credit inside a text file",
    "markdown:link-only": "a line that is only links (a related link, a 'translation' or 'original article' link)",
    "metadata:title": "the headline (recorded in articles.title)",
    "metadata:subtitle": "the dek / standfirst (articles.subtitle)",
    "metadata:byline": "a byline (articles.authors)",
    "metadata:editor": "an editor line (articles.editors)",
    "metadata:credit-line": "a wire credit '(Reporting by …; Editing by …)' (authors, editors)",
    "metadata:source": "a source or republication note (articles.source)",
    "metadata:section": "a section label, 'Category: X' or breadcrumb (articles.section)",
    "metadata:date": "a publication or update date line (articles.published)",
    "metadata:tags": "a tags / keywords line",
    "metadata:dateline": "the dateline opening the first paragraph ('WASHINGTON (Reuters) —'; articles.dateline)",
    "metadata:front-matter": "YAML front matter (its fields become metadata candidates)",
    "metadata:archiver-header": "an archiver's header block ('URL Source: …', 'Markdown Content:')",
    "markdown:image": "a markdown image",
    "markdown:markup-only": "a line of markup without text",
    "markdown:link-definition": "a markdown link definition ('[1]: https://…')",
    "markdown:fence": "a code-fence line",
    "html:outside-main-text": "visible page text outside the main text that trafilatura extracted "
    "(menus, sidebars, footers); line_no is the line of the raw page",
}
