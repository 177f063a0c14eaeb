r"""The daily job: configuration, state, mail and schedules around the library's `build_brief`.

    config  --> daily.run --> pipeline.build_brief (the library; the one entry point)
                  |   \--> feeds (fetching, shared with `briefing brief`)
                  |-> state   (SQLite: runs, articles seen, deliveries, lock)
                  |-> mail    (MIME build and SMTP delivery)
    schedule  (cron lines and systemd units for the job)

Nothing in the brief-building stages imports from here except `feeds`, which reads the
`[fetch]` settings and `Source` records of `config` (a leaf module).
"""
