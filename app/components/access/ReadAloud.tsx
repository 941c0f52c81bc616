import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import {
  loadEngine,
  readSpeed,
  startReading,
  stopReading,
  useReadAloud,
  useSpeechSupported,
  type ReadAloudState,
} from "~/modules/access/read-aloud-store";
import { SPEED_STORAGE_KEY, SPEEDS, type Speed } from "~/modules/access/speech";

/** What to tell the learner about reading `owner` aloud, if anything. */
function useStatusText(state: ReadAloudState, owner: string, { lesson }: { lesson: boolean }): string | null {
  const { t } = useTranslation();
  if (state.owner !== owner) return null;
  switch (state.status) {
    case "speaking":
      return lesson ? t("access:readAloud.reading") : null;
    case "paused":
      return t("access:readAloud.paused");
    case "no-voice": {
      const code = state.language ?? "";
      const language = code === "vi" || code === "en" ? t(`access:readAloud.language.${code}`) : t("access:readAloud.language.other");
      return t("access:readAloud.noVoice", { language });
    }
    case "failed":
      return t("access:readAloud.failed");
    case "needs-internet":
      return t("access:readAloud.needsInternet");
    default:
      return null;
  }
}

function PlayIcon() {
  return (
    <svg aria-hidden="true" className="play-icon" viewBox="0 0 24 24">
      <path
        fill="currentColor"
        d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"
      />
    </svg>
  );
}

/**
 * "Listen to the lesson": reads the element `targetId` aloud, passage by passage, with pause,
 * stop and a speed choice. Shown only where the browser can speak: without JavaScript (or speech)
 * it cannot work, so it is not there at all.
 */
export function ReadAloudBar({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  const supported = useSpeechSupported();
  const state = useReadAloud();
  const [speed, setSpeedState] = useState<Speed>("normal");
  const status = useStatusText(state, targetId, { lesson: true });
  useEffect(() => {
    setSpeedState(readSpeed());
    return () => stopReading();
  }, []);
  if (!supported) return null;
  const mine = state.owner === targetId;
  const noVoice = mine && state.status === "no-voice";
  const active = mine && (state.status === "speaking" || state.status === "paused" || state.status === "loading");

  const chooseSpeed = (next: Speed) => {
    setSpeedState(next);
    try {
      localStorage.setItem(SPEED_STORAGE_KEY, next);
    } catch {
      // the choice lasts for this page only
    }
    if (active) void loadEngine().then((e) => e.setSpeed(next));
  };

  return (
    <div className="read-aloud-bar" role="group" aria-label={t("access:readAloud.group")}>
      {active ? (
        <>
          {state.status === "paused" ? (
            <button type="button" className="button button-primary" onClick={() => void loadEngine().then((e) => e.resume())}>
              {t("access:readAloud.resume")}
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={() => void loadEngine().then((e) => e.pause())}>
              {t("access:readAloud.pause")}
            </button>
          )}
          <button type="button" className="button" onClick={stopReading}>
            {t("access:readAloud.stop")}
          </button>
        </>
      ) : (
        <button type="button" className="button button-primary" onClick={() => void startReading(targetId, "lesson")}>
          <PlayIcon /> {t("access:readAloud.listenLesson")}
        </button>
      )}
      <p className="read-aloud-status" role="status">
        {status}
      </p>
      {/* Nothing can be read without a voice: no speeds to choose. */}
      {noVoice ? null : (
        <fieldset className="speed">
          <legend>{t("access:readAloud.speed")}</legend>
          {SPEEDS.map((s) => (
            <div className="option" key={s}>
              <input
                type="radio"
                id={`speed-${targetId}-${s}`}
                name={`speed-${targetId}`}
                value={s}
                checked={speed === s}
                onChange={() => chooseSpeed(s)}
              />
              <label htmlFor={`speed-${targetId}-${s}`}>{t(`access:readAloud.${s}`)}</label>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}

/** "Listen" for one question (or practice task): its prompt, then each option, marked as read. */
export function ListenButton({ targetId, label }: { targetId: string; label: string }) {
  const { t } = useTranslation();
  const supported = useSpeechSupported();
  const state = useReadAloud();
  const status = useStatusText(state, targetId, { lesson: false });
  if (!supported) return null;
  const mine = state.owner === targetId && (state.status === "speaking" || state.status === "loading" || state.status === "paused");
  return (
    <div className="listen-button">
      <button
        type="button"
        className="button"
        aria-pressed={mine}
        onClick={() => (mine ? stopReading() : void startReading(targetId, "question"))}
      >
        <PlayIcon /> {mine ? t("access:readAloud.stop") : label}
      </button>
      <p className="read-aloud-status" role="status">
        {status}
      </p>
    </div>
  );
}
