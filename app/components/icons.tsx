import type { ModuleMeta } from "~/modules/content/schema";

const paths: Record<ModuleMeta["icon"], string> = {
  phone: "M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 3v13h10V5H7zm5 14.2a1 1 0 1 0 0 .1z",
  globe:
    "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 9h-3a15 15 0 0 0-1.3-5.6A8 8 0 0 1 18.9 11zM12 4c.9 1.2 1.8 3.6 2 7h-4c.2-3.4 1.1-5.8 2-7zM9.4 5.4A15 15 0 0 0 8.1 11h-3a8 8 0 0 1 4.3-5.6zM5.1 13h3a15 15 0 0 0 1.3 5.6A8 8 0 0 1 5.1 13zm6.9 7c-.9-1.2-1.8-3.6-2-7h4c-.2 3.4-1.1 5.8-2 7zm2.6-1.4a15 15 0 0 0 1.3-5.6h3a8 8 0 0 1-4.3 5.6z",
  building: "M12 2 2 7v2h20V7L12 2zM4 11v7h3v-7H4zm6.5 0v7h3v-7h-3zM17 11v7h3v-7h-3zM2 20v2h20v-2H2z",
  wallet: "M4 5h14a2 2 0 0 1 2 2v1h-8a3 3 0 0 0 0 6h8v3a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zm8 5h10v2H12a1 1 0 0 1 0-2z",
  shield: "M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3z",
  store:
    "M4 4h16l1 5a3 3 0 0 1-5 2.2A3 3 0 0 1 12 11a3 3 0 0 1-4 .2A3 3 0 0 1 3 9l1-5zm1 9.5V20h14v-6.5a4.9 4.9 0 0 1-3 .3V18H8v-4.2a4.9 4.9 0 0 1-3-.3z",
  cart: "M2 3h3l2.6 11.2A2 2 0 0 0 9.6 16H18a2 2 0 0 0 2-1.5L22 7H6.3L5.8 5A2.5 2.5 0 0 0 3.4 3H2zm7.5 15a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm8 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4z",
  toolbox:
    "M9 3h6a2 2 0 0 1 2 2v2h3a2 2 0 0 1 2 2v3H2V9a2 2 0 0 1 2-2h3V5a2 2 0 0 1 2-2zm0 2v2h6V5H9zM2 14h8v2h4v-2h8v5a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2v-5z",
  sparkles: "M10 2l1.8 5.2L17 9l-5.2 1.8L10 16l-1.8-5.2L3 9l5.2-1.8L10 2zm8 10 1 2.9 3 1.1-3 1.1-1 2.9-1-2.9-3-1.1 3-1.1 1-2.9z",
};

export function ModuleIcon({ icon }: { icon: ModuleMeta["icon"] }) {
  return (
    <svg className="module-icon" aria-hidden="true" viewBox="0 0 24 24">
      <path fill="currentColor" d={paths[icon]} />
    </svg>
  );
}
