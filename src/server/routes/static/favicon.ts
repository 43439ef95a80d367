// Baton's icon: a relay baton across a blue tile, drawn small enough to read at 16 px. One
// file, served at /favicon.svg and /favicon.ico (browsers that ask for the .ico by habit get
// the SVG, which every current browser shows), linked by the landing page, the agent
// workspace and the demo page.
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img" aria-label="Baton">
<rect width="32" height="32" rx="7" fill="#1d4ed8"/>
<g transform="rotate(-40 16 16)">
<rect x="3.5" y="12.5" width="25" height="7" rx="3.5" fill="#ffffff"/>
<rect x="12.5" y="12.5" width="7" height="7" fill="#f59e0b"/>
</g>
</svg>
`;

/** The tag every page puts in its head. */
export const FAVICON_LINK = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';
