/*
 * wfnet.h: procedure definitions as workflow nets (FLOW-1, FLOW-2, INT-5,
 * INT-8), shared by the soundness check before publishing, the
 * step-by-step simulation page, and the engine that moves real cases, so
 * all three agree on what a definition means.
 *
 * A definition is steps and edges.  Every edge is a place that holds
 * tokens.  Edges run from "start" or a step to a step or "end"; an edge
 * marked return goes back to an earlier step (回退, INT-8).
 *
 *   - A step is enabled when every forward edge into it holds a token
 *     (a join, 并联汇合, when there are several), or when any one return
 *     edge into it holds a token.  Firing consumes those tokens.
 *   - A step fires "forward": one token onto every forward edge out of it
 *     (a parallel split, 并联, when there are several); or, when it has
 *     return edges out, it may instead fire "back" along one of them.
 *   - The case begins with one token on every edge out of "start" and is
 *     complete when exactly one token lies on an edge into "end" and no
 *     token anywhere else.
 */
#ifndef YW_WFNET_H
#define YW_WFNET_H

#include <stddef.h>
#include <stdint.h>

#define WF_START	"start"
#define WF_END		"end"
#define WF_MAX_STEPS	64
#define WF_MAX_EDGES	256

struct wf_step {
	const char	*key;		/* unique within the definition */
	const char	*name;		/* 受理, 承办, 会审, … */
	unsigned	 role;		/* role bits (request.h) */
	const char	*dept;		/* department code acting */
	int		 staffed;	/* 1 when some active user holds role in
					 * dept (the caller looks it up) */
	int		 recusal;	/* with staffed 0: people hold the role
					 * but too few for 回避 (SEC-7) */
	const char	*dept_label;	/* dept's name for people, or NULL */
};

struct wf_edge {
	const char	*from;		/* WF_START or a step key */
	const char	*to;		/* a step key or WF_END */
	int		 back;		/* 1: a return edge */
};

struct wf_net {
	const struct wf_step	*steps;
	size_t			 nsteps;
	const struct wf_edge	*edges;
	size_t			 nedges;
};

/* A marking: tokens per edge, indexed like net->edges. */
struct wf_marking {
	uint8_t		 tokens[WF_MAX_EDGES];
};

enum wf_verdict {
	WF_SOUND = 0,
	WF_MALFORMED,		/* unknown key, no start, duplicate key, … */
	WF_UNSTAFFED,		/* a step whose role nobody holds there */
	WF_UNREACHABLE,		/* a step that can never run */
	WF_DEADLOCK,		/* a state where nothing can run: a join
				 * waiting forever */
	WF_NO_END,		/* a state from which the end cannot be
				 * reached (e.g. a loop without exit) */
	WF_LEFTOVER,		/* the end reached with tokens left behind */
	WF_UNBOUNDED,		/* tokens pile up without bound */
	WF_TOO_LARGE,		/* state or time bound reached: undecided */
};

struct wf_result {
	enum wf_verdict	 verdict;
	const char	*step;		/* key of the step the reason names,
					 * or NULL */
	char		 reason[512];	/* Chinese, names the step by name */
	size_t		 states;	/* reachable states explored */
};

/*
 * Check net before it may be published.  Explores at most max_states
 * markings and max_ms milliseconds; beyond that the verdict is
 * WF_TOO_LARGE, which also refuses publication.  Returns the verdict
 * (also in res).
 */
enum wf_verdict	 wf_check(const struct wf_net *, size_t max_states,
		    unsigned max_ms, struct wf_result *res);

/* The initial marking. */
void		 wf_initial(const struct wf_net *, struct wf_marking *);
/* 1 when marking m is complete (one token into "end", nothing else). */
int		 wf_complete(const struct wf_net *, const struct wf_marking *);
/*
 * The ways step i can fire in m: returns 0 when it is not enabled;
 * otherwise 1 + the number of return edges out of it (way 0 is forward,
 * way k ≥ 1 is back along the k-th return edge out of step i).
 */
int		 wf_ways(const struct wf_net *, const struct wf_marking *,
		    size_t i);
/* Fire step i in m the given way (as numbered by wf_ways) into *out.
 * Returns 0, or -1 when it is not enabled that way. */
int		 wf_fire(const struct wf_net *, const struct wf_marking *,
		    size_t i, int way, struct wf_marking *out);
/* The index of the step with key, or -1. */
int		 wf_step_index(const struct wf_net *, const char *key);

/*
 * Simulation (FLOW-2): every reachable state, breadth first, as the page
 * shows them.  Calls cb once per transition: the state before (as the
 * names of the steps enabled in it, "、"-separated), the step fired, the
 * way ("forward" or the return target's name) and the state number after;
 * at most max transitions.  Returns the number of states, or -1 when
 * max was reached or memory ran short.
 */
typedef void	(*wf_sim_cb)(void *arg, size_t from, const char *enabled,
		    const char *step, const char *way, size_t to,
		    int to_complete);
long		 wf_simulate(const struct wf_net *, size_t max, wf_sim_cb,
		    void *arg);

#endif
