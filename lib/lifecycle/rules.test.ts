import { describe, expect, it } from "vitest";
import { addCalendarMonths } from "@/lib/lifecycle/calendar";
import { deletionDueAt, lockDueAt, mailboxStanding, restoreRefusal, type LifecycleFacts } from "@/lib/lifecycle/rules";

const oslo = (iso: string) => new Date(iso);

describe("addCalendarMonths in Europe/Oslo", () => {
  it("keeps the wall-clock time across the DST change", () => {
    // 10:00 Oslo in January (UTC+1) + 6 months = 10:00 Oslo in July (UTC+2).
    expect(addCalendarMonths(oslo("2026-01-15T09:00:00Z"), 6).toISOString()).toBe("2026-07-15T08:00:00.000Z");
  });
  it("clamps to the month's last day: 31 August + 6 months is the end of February", () => {
    expect(addCalendarMonths(oslo("2026-08-31T10:00:00Z"), 6).toISOString()).toBe("2027-02-28T11:00:00.000Z");
    expect(addCalendarMonths(oslo("2027-08-31T10:00:00Z"), 6).toISOString()).toBe("2028-02-29T11:00:00.000Z");
  });
  it("counts the day in Oslo, not in UTC", () => {
    // 23:30 UTC on 31 May is 01:30 on 1 June in Oslo: + 1 month is 1 July 01:30 Oslo.
    expect(addCalendarMonths(oslo("2026-05-31T23:30:00Z"), 1).toISOString()).toBe("2026-06-30T23:30:00.000Z");
  });
});

const base: LifecycleFacts = {
  status: "ACTIVE",
  lockReason: null,
  cycleStartedAt: oslo("2026-01-10T12:00:00Z"),
  lastLoginAt: null,
  lockedAt: null,
};

describe("lockDueAt (R-LC-1)", () => {
  it("is six months after the cycle start when nobody has logged in", () => {
    // 13:00 in Oslo in January (UTC+1) is 13:00 in Oslo in July (UTC+2).
    expect(lockDueAt(base).toISOString()).toBe("2026-07-10T11:00:00.000Z");
  });
  it("is six months after the last login when that is later", () => {
    expect(lockDueAt({ ...base, lastLoginAt: oslo("2026-03-01T08:00:00Z") }).toISOString()).toBe("2026-09-01T07:00:00.000Z");
  });
});

describe("restore window (R-LC-3) and broadband deletion (R-PAY-3)", () => {
  const locked: LifecycleFacts = { ...base, status: "LOCKED", lockReason: "INACTIVITY", lockedAt: oslo("2026-07-10T12:00:00Z") };

  it("deletes 92 days after an inactivity lock", () => {
    expect(deletionDueAt(locked)?.toISOString()).toBe("2026-10-10T12:00:00.000Z");
  });
  it("deletes 2 calendar months after a broadband lock", () => {
    expect(deletionDueAt({ ...locked, lockReason: "BROADBAND_ENDED" })?.toISOString()).toBe("2026-09-10T12:00:00.000Z");
  });
  it("allows restore up to the last instant of the window, not after", () => {
    expect(restoreRefusal(locked, oslo("2026-10-10T11:59:59Z"))).toBeNull();
    expect(restoreRefusal(locked, oslo("2026-10-10T12:00:00Z"))).toBe("windowClosed");
  });
  it("refuses to restore deleted, active and broadband-locked mailboxes", () => {
    expect(restoreRefusal({ ...locked, status: "DELETED" }, oslo("2026-07-11T00:00:00Z"))).toBe("deleted");
    expect(restoreRefusal(base, oslo("2026-07-11T00:00:00Z"))).toBe("notLocked");
    expect(restoreRefusal({ ...locked, lockReason: "BROADBAND_ENDED" }, oslo("2026-07-11T00:00:00Z"))).toBe("lockedForBroadband");
  });
  it("names the standing a customer sees", () => {
    expect(mailboxStanding(base, oslo("2026-02-01T00:00:00Z"), false)).toBe("active");
    expect(mailboxStanding(base, oslo("2026-02-01T00:00:00Z"), true)).toBe("warned");
    expect(mailboxStanding(locked, oslo("2026-08-01T00:00:00Z"), false)).toBe("locked");
    expect(mailboxStanding(locked, oslo("2026-11-01T00:00:00Z"), false)).toBe("lockedExpired");
    expect(mailboxStanding({ ...locked, status: "DELETED" }, oslo("2026-11-01T00:00:00Z"), false)).toBe("deleted");
  });
});

describe("Oslo time around the DST changes", () => {
  it("adds months across both changes of 2026 and keeps the wall clock", () => {
    // 29 March 2026 01:30 UTC is 03:30 summer time, just after the spring change.
    expect(addCalendarMonths(new Date("2026-03-29T01:30:00Z"), 1).toISOString()).toBe("2026-04-29T01:30:00.000Z");
    // 25 October 2026 00:30 UTC is 02:30 summer time, the hour before the autumn change.
    expect(addCalendarMonths(new Date("2026-10-25T00:30:00Z"), 1).toISOString()).toBe("2026-11-25T01:30:00.000Z");
    // 28 February 2027 02:30 + 1 month is 28 March 2027 02:30, which the spring change skips: 03:30.
    expect(addCalendarMonths(new Date("2027-02-28T01:30:00Z"), 1).toISOString()).toBe("2027-03-28T01:30:00.000Z");
  });
});
