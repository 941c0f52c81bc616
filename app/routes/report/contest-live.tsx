import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ContestLiveView } from "~/components/contests/organiser";
import { loadContestResults } from "~/modules/contests/organiser.server";
import contestsCss from "~/styles/contests.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contestsCss }];

/** The projector view of one contest of this unit: large print, refreshing. */
export const loader = ({ request, params }: LoaderFunctionArgs) => loadContestResults(request, params, "unit");
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.contest.title }];
export default ContestLiveView;
