// The portal's buttons (and links that look like them), one set of styles: the brand's colour for
// the way forward, an outline for the others, red for what destroys.
export type ButtonVariant = "primary" | "secondary" | "danger";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-brand text-white hover:bg-brand-strong hover:text-white",
  secondary: "border-2 border-brand bg-white text-brand hover:bg-brand-soft",
  danger: "bg-red-700 text-white hover:bg-red-800 hover:text-white",
};

export function buttonClass(variant: ButtonVariant = "primary", size: "md" | "sm" = "md"): string {
  const padding = size === "sm" ? "px-3 py-1" : "px-4 py-2";
  return `inline-flex items-center gap-2 rounded-md font-semibold no-underline ${padding} ${variants[variant]}`;
}
