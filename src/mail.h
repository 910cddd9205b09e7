/* mail.h: handing one plain-text UTF-8 message to the host's sendmail
 * (or any program that reads a message on stdin with -t semantics, such
 * as msmtp). No network code: the MTA does the delivery. */
#ifndef CERCLE_MAIL_H
#define CERCLE_MAIL_H

#include "util.h"

#define MAIL_SENDMAIL_DEFAULT "/usr/sbin/sendmail -t -i"

/* Build the message (From, To, Subject encoded per RFC 2047, Date,
 * Message-ID, MIME headers for UTF-8 text) and run sendmail (a command
 * line split on spaces, run without a shell) with it on stdin. 0, or
 * ERR_SYSTEM with the reason (the program's exit status). from and to
 * must have passed hub_email_check(). */
int mail_send(const char *sendmail, const char *from, const char *to,
    const char *subject, const char *body, struct err *e);
/* The message mail_send() would write, into out (for tests and --dry). */
void mail_format(struct buf *out, const char *from, const char *to,
    const char *subject, const char *body);

#endif
