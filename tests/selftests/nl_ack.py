# SPDX-License-Identifier: GPL-2.0
"""The answer to one raw dcxlat generic-netlink request, for the selftests'
raw clients (cli_netlink.sh, cli_apply.sh; they run python3 with
PYTHONPATH=tests/selftests).

ack(sock, fam) reads until the NLMSG_ERROR of the request and returns
(error, message). The message is the whole refusal text: before Linux 6.2
the extack is a generic short form and the whole text comes first, in a
DCXLAT_A_ERROR message of the family (kmod/nl_err.c), which wins over the
extack; from 6.2 both carry it. The socket may or may not have
NETLINK_CAP_ACK set. Nothing else here: requests are the scripts' own.
"""
import struct

NLMSG_ERROR = 2
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSGERR_ATTR_MSG = 1
A_ERROR = 12                      # DCXLAT_A_ERROR


def _attr_str(d, p, end, want):
    """The string attribute of type want among the TLVs in d[p:end]."""
    found = None
    while p + 4 <= end:
        al, at = struct.unpack_from('=HH', d, p)
        if al < 4:
            break
        if at == want:
            found = d[p + 4:p + al].rstrip(b'\0').decode()
        p += (al + 3) & ~3
    return found


def ack(sock, fam):
    whole = None
    while True:
        d = sock.recv(65536)
        off = 0
        while off + 16 <= len(d):
            n, t, f = struct.unpack_from('=IHH', d, off)
            if n < 16:
                break
            if t == fam:
                # genlmsghdr (4 bytes) after the 16 of nlmsghdr
                whole = _attr_str(d, off + 20, off + n, A_ERROR) or whole
            elif t == NLMSG_ERROR:
                err = struct.unpack_from('=i', d, off + 16)[0]
                # error, the request's header (and body unless capped),
                # then the TLVs
                p = off + 36
                if not f & NLM_F_CAPPED:
                    p += struct.unpack_from('=I', d, off + 20)[0] - 16
                msg = ''
                if f & NLM_F_ACK_TLVS:
                    msg = _attr_str(d, p, off + n, NLMSGERR_ATTR_MSG) or ''
                if whole is not None:
                    msg = 'dcxlat: ' + whole
                return err, msg
            off += (n + 3) & ~3
