// Browsers and tools that ask for /favicon.ico without reading the page get the brand's mark
// (an SVG: every current browser takes it), read from configuration at run time.
export { GET } from "@/app/favicon.svg/route";
export const dynamic = "force-dynamic";
