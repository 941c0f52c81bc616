import { notFound } from "~/i18n/locale.server";

/** Any URL no other route serves: the localised 404 page (see the root ErrorBoundary). */
export function loader(): never {
  notFound();
}

export default function NotFound() {
  return null;
}
