/*
 * yiwang_supervise.c: keep N FastCGI workers running, for ever.
 *
 *	yiwang-supervise [-n WORKERS] -- PROGRAM [ARGS...]
 *
 * spawn-fcgi opens the listening socket as descriptor 0 and execs this;
 * every worker inherits it.  A worker that ends, however it ends, is
 * started again: at once when it had run for a while (a worker exits by
 * design after MAX_REQUESTS, and a crash now and then should cost
 * nothing), after a delay that doubles with every quick death in a row
 * (50 ms up to half a second) when it keeps dying young, so a worker
 * that cannot start costs a few starts a second, not a spinning core,
 * and the site is back within half a second of the cause going away.
 * It never gives up: multiwatch, which this replaces, stopped restarting
 * a slot after 20 quick deaths, and 88 hostile requests then left a site
 * with no worker at all (F3).
 *
 * SIGTERM, SIGINT, SIGHUP or SIGQUIT: no more restarts, SIGUSR1 to the
 * workers, SIGKILL to those still there after 10 s, exit 0.  SIGUSR1 is
 * libfcgi's graceful stop: a worker waiting in accept() returns at once,
 * one serving a request finishes it (as under multiwatch).  A worker gets
 * SIGUSR1 too when this process dies, so none outlives it.
 */
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define MAX_WORKERS	64
#define STABLE_MS	1000	/* a worker that lived this long is fine */
#define DELAY_MIN_MS	50
#define DELAY_MAX_MS	500
#define STOP_WAIT_MS	10000

struct slot {
	pid_t		 pid;		/* 0: not running */
	long long	 started;	/* ms, monotonic */
	long long	 due;		/* when to start it again */
	long		 delay;		/* back-off, ms; 0 after a good run */
	unsigned long	 quick;		/* quick deaths in a row */
};

static struct slot	 slots[MAX_WORKERS];
static int		 nslots = 4;
static char		**prog;
static sigset_t		 watched, old_mask;

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
usage(void)
{
	fputs("用法：yiwang-supervise [-n 工作进程数] -- 程序 [参数…]\n",
	    stderr);
	exit(64);
}

/* Slot s's worker died young: double its delay, within bounds. */
static void
back_off(struct slot *s)
{
	s->delay = s->delay ? s->delay * 2 : DELAY_MIN_MS;
	if (s->delay > DELAY_MAX_MS)
		s->delay = DELAY_MAX_MS;
}

/* Start the worker of slot i; on failure, try again later. */
static void
start(int i)
{
	struct slot	*s = &slots[i];
	pid_t		 parent = getpid();

	s->started = now_ms();
	if ((s->pid = fork()) == -1) {
		s->pid = 0;
		back_off(s);
		s->due = s->started + s->delay;
		log_err("第 %d 个工作进程无法启动（fork：%s），%ld 毫秒后再试",
		    i + 1, strerror(errno), s->delay);
		return;
	}
	if (s->pid > 0)
		return;
	/* The worker: our signals back to normal; ends when we end. */
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (prctl(PR_SET_PDEATHSIG, SIGUSR1) == -1 || getppid() != parent)
		_exit(1);
	execv(prog[0], prog);
	log_err("%s: %s", prog[0], strerror(errno));
	_exit(127);
}

/* Slot i's worker ended with status: say how, and when it comes back. */
static void
ended(int i, int status)
{
	struct slot	*s = &slots[i];
	long long	 t = now_ms(), lived = t - s->started;
	char		 how[64];

	s->pid = 0;
	if (WIFSIGNALED(status))
		snprintf(how, sizeof(how), "被信号 %d 终止", WTERMSIG(status));
	else
		snprintf(how, sizeof(how), "退出（状态 %d）",
		    WEXITSTATUS(status));
	if (lived >= STABLE_MS) {
		s->delay = 0;
		s->quick = 0;
	} else {
		s->quick++;
		back_off(s);
	}
	s->due = t + s->delay;
	/* A clean exit after a long run (MAX_REQUESTS) is routine; of a
	 * crash loop the log gets deaths 1, 2, 4, 8… and one a minute. */
	if ((WIFEXITED(status) && WEXITSTATUS(status) == 0 && s->delay == 0) ||
	    ((s->quick & (s->quick - 1)) != 0 && s->quick % 120 != 0))
		return;
	if (s->delay == 0)
		log_info("第 %d 个工作进程%s，运行了 %lld 毫秒；立即重启",
		    i + 1, how, lived);
	else
		log_err("第 %d 个工作进程%s，只运行了 %lld 毫秒（连续第 %lu "
		    "次）；%ld 毫秒后重启", i + 1, how, lived, s->quick,
		    s->delay);
}

static void
reap(void)
{
	pid_t	 pid;
	int	 status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (i = 0; i < nslots; i++)
			if (slots[i].pid == pid)
				ended(i, status);
}

static int
running(void)
{
	int	 i, n = 0;

	for (i = 0; i < nslots; i++)
		n += slots[i].pid != 0;
	return n;
}

/* Stop every worker: USR1, then KILL after STOP_WAIT_MS. */
static void
stop_all(int sig)
{
	struct timespec	 ts = { 0, 100 * 1000000 };
	long long	 until = now_ms() + STOP_WAIT_MS;
	int		 i;

	log_info("收到信号 %d，停止 %d 个工作进程", sig, running());
	for (i = 0; i < nslots; i++)
		if (slots[i].pid != 0)
			kill(slots[i].pid, SIGUSR1);
	while (running() > 0 && now_ms() < until) {
		(void)sigtimedwait(&watched, NULL, &ts);
		reap();
	}
	for (i = 0; i < nslots; i++)
		if (slots[i].pid != 0) {
			kill(slots[i].pid, SIGKILL);
			waitpid(slots[i].pid, NULL, 0);
			slots[i].pid = 0;
		}
}

int
main(int argc, char *argv[])
{
	struct timespec	 ts;
	siginfo_t	 si;
	long long	 t, next;
	char		*end;
	int		 c, i, sig;

	log_set_prog("yiwang-supervise");
	while ((c = getopt(argc, argv, "n:")) != -1) {
		switch (c) {
		case 'n':
			nslots = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || nslots < 1 || nslots > MAX_WORKERS)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	prog = argv + optind;

	/* Every signal we act on is taken with sigtimedwait(), never by a
	 * handler, so the loop below is all there is. */
	sigemptyset(&watched);
	sigaddset(&watched, SIGCHLD);
	sigaddset(&watched, SIGTERM);
	sigaddset(&watched, SIGINT);
	sigaddset(&watched, SIGHUP);
	sigaddset(&watched, SIGQUIT);
	sigprocmask(SIG_BLOCK, &watched, &old_mask);
	signal(SIGPIPE, SIG_IGN);

	for (i = 0; i < nslots; i++)
		start(i);
	log_info("%d 个工作进程已启动：%s", nslots, prog[0]);
	for (;;) {
		t = now_ms();
		next = t + 60000;
		for (i = 0; i < nslots; i++) {
			if (slots[i].pid != 0)
				continue;
			if (slots[i].due <= t) {
				start(i);
				if (slots[i].pid != 0)
					continue;
			}
			if (slots[i].due < next)
				next = slots[i].due;
		}
		ts.tv_sec = (next - t) / 1000;
		ts.tv_nsec = (next - t) % 1000 * 1000000;
		if ((sig = sigtimedwait(&watched, &si, &ts)) == -1)
			continue;	/* timeout or EINTR */
		if (sig == SIGCHLD) {
			reap();
			continue;
		}
		stop_all(sig);
		return 0;
	}
}
