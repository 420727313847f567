// The mail programs the set-up guides cover (issue 8, R-SET-1); their words are in the catalogues.
export const GUIDE_CLIENTS = ["outlook", "apple-mail-mac", "iphone", "thunderbird", "android-gmail"] as const;
