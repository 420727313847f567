// Thunderbird autoconfig at autoconfig.<domain>/mail/config-v1.1.xml (the `emailaddress` query is
// ignored on purpose: one answer for every address).
export { GET } from "@/app/.well-known/autoconfig/mail/config-v1.1.xml/route";
