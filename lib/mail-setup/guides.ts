// The mail programs the set-up guides cover (issue 8, R-SET-1); their words are in the catalogues.
export const GUIDE_CLIENTS = ["outlook", "apple-mail-mac", "iphone", "thunderbird", "android-gmail"] as const;

/** The programs an Apple configuration profile sets up; their guides say where the profile is. */
export const PROFILE_CLIENTS: ReadonlySet<(typeof GUIDE_CLIENTS)[number]> = new Set(["apple-mail-mac", "iphone"]);
