"""Article pages shaped like a trade outlet's: a header with navigation, the
story, a sidebar of trending and related stories (other films with their
dates, and an old date of the story's own film), a comment thread and a
footer. All names are invented."""

from __future__ import annotations

import html
from collections.abc import Sequence

STORY = (
    "Northlight Pictures has set The Lantern Keeper, the Mira Okafor thriller, "
    "for release in theaters on October 9, 2026, the studio said on Tuesday.",
    "The film follows a lighthouse keeper on a remote island who finds a ship that "
    "should not exist. Okafor directed from her own script, and shooting wrapped in "
    "the spring on the coast of Maine.",
    "Tomas Vell co-stars as the harbor master, with Ines Adebayo as a salvage diver "
    "who knows more than she says. Northlight plans a wide release in North America.",
)
# What the page's chrome says: none of it may reach the matcher.
SIDEBAR = (
    "Glass Orchard opens March 3, 2026 after a festival run",
    "The Lantern Keeper was previously dated for June 5, 2026",
    "Copper Sky lands December 18, 2026 in theaters",
)
COMMENTS = (
    "I read that The Lantern Keeper opens May 1, 2026, who knows.",
    "Mira Okafor never misses. Cannot wait for this one.",
)
FOOTER = "The Lantern Keeper coverage archive from July 4, 2025. © 2026 Harbor Trade Media."


def article_page(
    headline: str = "Northlight dates 'The Lantern Keeper' for October",
    paragraphs: Sequence[str] = STORY,
    *,
    og_image: str | None = "https://cdn.harbortrade.example/lantern-keeper-still.jpg",
    sidebar: Sequence[str] = SIDEBAR,
    comments: Sequence[str] = COMMENTS,
) -> str:
    esc = html.escape
    meta = f'<meta property="og:image" content="{esc(og_image)}">' if og_image else ""
    nav = "".join(
        f'<li><a href="/{s.lower()}">{s}</a></li>' for s in ("Film", "TV", "Awards", "Box Office")
    )
    body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    side = "".join(f'<li><a href="/s/{i}">{esc(s)}</a></li>' for i, s in enumerate(sidebar))
    talk = "".join(
        f'<li class="comment"><div class="comment-author">reader{i}</div>'
        f'<div class="comment-body"><p>{esc(c)}</p></div></li>'
        for i, c in enumerate(comments)
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(headline)} | Harbor Trade</title>
{meta}<meta property="og:title" content="{esc(headline)}">
<script>window.dataLayer = [{{"film": "Copper Sky opens June 5, 2026"}}];</script>
<style>.sidebar {{ float: right; }}</style></head>
<body>
<header class="site-header"><a class="logo" href="/">Harbor Trade</a>
<nav class="main-nav"><ul>{nav}</ul></nav>
<div class="ticker">Breaking: Glass Orchard moves to March 3, 2026</div></header>
<div class="layout">
<main id="content"><article class="post">
<h1 class="entry-title">{esc(headline)}</h1>
<div class="byline">By Jo Marsh · 3 min read</div>
<div class="entry-content">{body}</div>
</article>
<section id="comments" class="comments"><h3>Comments</h3><ol class="comment-list">{talk}</ol>
</section></main>
<aside class="sidebar"><section class="widget trending"><h3>Trending</h3><ul>{side}</ul>
</section><section class="widget related"><h3>Related</h3>
<ul><li><a href="/r/1">Copper Sky lands December 18, 2026</a></li></ul></section></aside>
</div>
<footer class="site-footer"><p>{esc(FOOTER)}</p>
<ul><li><a href="/about">About</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>
</body></html>"""
