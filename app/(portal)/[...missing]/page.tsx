import { notFound } from "next/navigation";

// Unknown paths get the portal's own "not found" page, in the person's language.
export default function Missing() {
  notFound();
}
