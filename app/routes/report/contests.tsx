import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ContestListView } from "~/components/contests/organiser";
import { createContestAction, loadContestList } from "~/modules/contests/organiser.server";
import contestsCss from "~/styles/contests.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contestsCss }];

/** The contests of this unit and the form to create one. */
export const loader = ({ request, params }: LoaderFunctionArgs) => loadContestList(request, params, "unit");
export const action = ({ request, params }: ActionFunctionArgs) => createContestAction(request, params, "unit");
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.organiserName }];
export default ContestListView;
