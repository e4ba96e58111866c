package org.gmsaportal.callbacks;

/**
 * How often the callback poller looks at a request ({@code api_request.callback_watch}).
 */
enum CallbackWatch {

	/** Every poll: its status may change by itself (a run is going) or an event waits for delivery. */
	ACTIVE,

	/** The slow sweep only: its last event went out and only an action can change its status now. */
	QUIET,

	/** Never again: its final status went out. */
	DONE,

	/** Filed without a callback URL. */
	NONE

}
