import Foundation

/// Small pages and feeds written for these tests (the sample-data files are used when present).
enum Fixtures {
    static let newsPage = """
    <!DOCTYPE html>
    <html lang="en-GB">
    <head>
      <meta charset="utf-8">
      <title>Harbour Bridge Reopens After Repairs | The Coastal Gazette</title>
      <meta property="og:title" content="Harbour Bridge Reopens After Repairs">
      <meta property="og:site_name" content="The Coastal Gazette">
      <meta name="author" content="Mira Jansen">
      <meta property="article:published_time" content="2024-03-02T08:15:00Z">
      <link rel="canonical" href="https://gazette.example/news/harbour-bridge-reopens">
      <script>window.analytics = { track: function() { return "TRACKING SCRIPT TEXT"; } };</script>
      <style>body { font-family: serif; } .x::after { content: "STYLE TEXT"; }</style>
    </head>
    <body>
      <header class="site-header"><a href="/">The Coastal Gazette</a>
        <nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
      </header>
      <div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
      <main>
        <article>
          <h1>Harbour Bridge Reopens After Repairs</h1>
          <div class="byline">By <a href="/authors/mira">Mira Jansen</a> | <time datetime="2024-03-02T08:15:00Z">2 March 2024</time></div>
          <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
          <div class="article-body">
            <p>The Harbour Bridge reopened to traffic on Saturday morning, three months after engineers closed it to replace corroded steel cables, the city council said.</p>
            <p>Council leader Anna Berg said the repairs had cost 4.2 million euros, slightly less than the budget set in December, and thanked residents for their patience.</p>
            <div class="ad ad-slot"><span>Advertisement</span></div>
            <h2>Traffic returns</h2>
            <p>Buses resumed their normal routes across the bridge at 6 a.m., and cyclists were back on the shared lane within the hour.<br>Commuters said journeys were<br>twenty minutes shorter.</p>
            <blockquote><p>We are glad to have our bridge back, and we will keep inspecting it every year.</p></blockquote>
            <ul><li>Cars: open in both directions from 6 a.m.</li><li>Lorries over 30 tonnes: still diverted until April.</li></ul>
            <p>Local shop owners, who had reported a fall in trade during the closure, welcomed the reopening, according to the chamber of commerce.</p>
          </div>
          <div class="newsletter-signup"><h3>Get the morning briefing</h3><p>Sign up for our newsletter and never miss a story.</p><form><input type="email"><button>Subscribe</button></form></div>
          <aside class="related-stories"><h3>Related stories</h3><ul>
            <li><a href="/a">Bridge closure may last until summer, sources say</a></li>
            <li><a href="/b">Council reportedly considered a new ferry line</a></li>
            <li><a href="/c">Residents fear the bridge could close again</a></li>
          </ul></aside>
          <section class="comments"><h3>Comments</h3><p>Comments are closed for this story.</p></section>
        </article>
      </main>
      <footer class="site-footer"><p>© 2024 The Coastal Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
      <noscript>Please enable JavaScript to view the comments.</noscript>
    </body>
    </html>
    """

    static let articleSentences = [
        "The Harbour Bridge reopened to traffic on Saturday morning, three months after engineers closed it to replace corroded steel cables, the city council said.",
        "Council leader Anna Berg said the repairs had cost 4.2 million euros, slightly less than the budget set in December, and thanked residents for their patience.",
        "Local shop owners, who had reported a fall in trade during the closure, welcomed the reopening, according to the chamber of commerce.",
    ]

    static let boilerplate = [
        "TRACKING SCRIPT TEXT", "STYLE TEXT", "Sport", "We use cookies", "Share on Facebook", "Advertisement",
        "Sign up for our newsletter", "Related stories", "may last until summer", "Comments are closed",
        "All rights reserved", "Privacy policy", "enable JavaScript",
    ]

    static let rss = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel>
        <title>The Coastal Gazette</title>
        <link>https://gazette.example/</link>
        <language>en-gb</language>
        <item>
          <title>Harbour Bridge Reopens After Repairs</title>
          <link>https://gazette.example/news/harbour-bridge-reopens</link>
          <pubDate>Sat, 02 Mar 2024 08:15:00 GMT</pubDate>
          <dc:creator>Mira Jansen</dc:creator>
          <description>A short summary of the bridge story.</description>
          <content:encoded><![CDATA[<p>The Harbour Bridge reopened to traffic on Saturday morning, the city council said.</p><h2>Traffic returns</h2><p>Buses resumed their normal routes at 6 a.m.</p>]]></content:encoded>
        </item>
        <item>
          <title>Ferry Timetable Changes</title>
          <link>https://gazette.example/news/ferry-timetable</link>
          <pubDate>Sun, 03 Mar 2024 09:00:00 GMT</pubDate>
          <description>&lt;p&gt;The morning ferry will leave ten minutes earlier from Monday, the operator said.&lt;/p&gt;</description>
        </item>
      </channel>
    </rss>
    """

    static let atom = """
    <?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
      <title>The Coastal Gazette</title>
      <id>urn:uuid:feed</id>
      <updated>2024-03-02T08:15:00Z</updated>
      <entry>
        <title>Harbour Bridge Reopens After Repairs</title>
        <link rel="alternate" href="https://gazette.example/news/harbour-bridge-reopens"/>
        <id>urn:uuid:1</id>
        <published>2024-03-02T08:15:00Z</published>
        <author><name>Mira Jansen</name></author>
        <summary>A short summary.</summary>
        <content type="html">&lt;p&gt;The Harbour Bridge reopened to traffic on Saturday morning, the city council said.&lt;/p&gt;&lt;p&gt;Buses resumed their normal routes at 6 a.m.&lt;/p&gt;</content>
      </entry>
      <entry>
        <title>Lighthouse Repainted</title>
        <link href="https://gazette.example/news/lighthouse"/>
        <id>urn:uuid:2</id>
        <updated>2024-03-03T10:00:00Z</updated>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The lighthouse was repainted red and white, the port authority said.</p><blockquote><p>It looks new again.</p></blockquote></div></content>
      </entry>
    </feed>
    """

    static let nitf = """
    <?xml version="1.0" encoding="UTF-8"?>
    <nitf version="-//IPTC//DTD NITF 3.6//EN">
      <head>
        <title>Harbour Bridge Reopens After Repairs</title>
        <docdata><date.issue norm="20240302T081500Z"/></docdata>
        <pubdata name="The Coastal Gazette" ex-ref="https://gazette.example/news/harbour-bridge-reopens"/>
      </head>
      <body>
        <body.head>
          <hedline><hl1>Harbour Bridge Reopens After Repairs</hl1></hedline>
          <byline>By Mira Jansen</byline>
          <dateline>PORTSEA, March 2</dateline>
        </body.head>
        <body.content>
          <p>The Harbour Bridge reopened to traffic on Saturday morning, the city council said.</p>
          <hl2>Traffic returns</hl2>
          <p>Buses resumed their normal routes at 6 a.m.</p>
        </body.content>
        <body.end><tagline>Copyright 2024 The Coastal Gazette</tagline></body.end>
      </body>
    </nitf>
    """
}
