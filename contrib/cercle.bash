# bash completion for cercle. Commands and their options come from the
# binary's own tables (`cercle help --commands`, `cercle help --options`);
# what an option or an argument takes comes from the command's usage line
# (`--sort newest|support|territories`, `position PROPOSAL_ID
# approve|alert|...`, `need show ID`); logins, ids and the configuration's
# territories, categories, publics and sources from the database named by
# --db (or $CERCLE_DB), read through the commands' --json output (so the
# language of the screen does not matter).

# _cercle_json FIELD: from JSON on stdin, FIELD ("id" or "login") of each
# record of the first array (a list's records: [{"id":1,...},...] or
# {"needs":[{"id":320,...}],...}), one a line; nested records are left out.
_cercle_json()
{
	awk -v want="$1" '
	{ s = s $0 "\n" }
	END {
		n = length(s); d = 0; q = 0; arr = 0
		for (i = 1; i <= n; i++) {
			c = substr(s, i, 1)
			if (q) {
				if (c == "\\") i++
				else if (c == "\"") q = 0
				continue
			}
			if (c == "\"") { q = 1; continue }
			if (c == "[" || c == "{") {
				d++
				if (c == "[" && arr == 0) arr = d
				if (c != "{" || arr == 0 || d != arr + 1)
					continue
				r = substr(s, i + 1, 160)
				if (want == "login") {
					if (match(r, /^"id":[0-9]+,"login":"[^"\\]*"/)) {
						r = substr(r, 1, RLENGTH - 1)
						sub(/.*"login":"/, "", r)
						print r
					}
				} else if (match(r, /^"id":[0-9]+/))
					print substr(r, 6, RLENGTH - 5)
			} else if (c == "]" || c == "}") {
				if (d == arr) arr = -1
				d--
			}
		}
	}'
}

# _cercle_config LIST: the configuration's values of LIST (territories,
# categories, publics, sources), one a line.
_cercle_config()
{
	"$bin" "${db[@]}" config show --json 2>/dev/null |
	    awk -v list="$1" '{ s = s $0 }
	END {
		k = index(s, "\"" list "\":[")
		if (k == 0) exit
		s = substr(s, k + length(list) + 4)
		s = substr(s, 1, index(s, "]") - 1)
		while (match(s, /"([^"\\]|\\.)*"/)) {
			v = substr(s, RSTART + 1, RLENGTH - 2)
			gsub(/\\"/, "\"", v); gsub(/\\\\/, "\\", v)
			print v
			s = substr(s, RSTART + RLENGTH)
		}
	}'
}

# _cercle_values WHAT: the candidates for a placeholder of a usage line
# (LOGIN, ID, NEED_ID, ...) or an option (--as, --territory, ...).
_cercle_values()
{
	local what=$1 group=$2
	case $what in
	LOGIN|FACILITATOR|SAGE|BLOCKER|ADMIN|--as|--owner|--member)
		"$bin" "${db[@]}" member list --json 2>/dev/null |
		    _cercle_json login ;;
	--territory) _cercle_config territories ;;
	--category) _cercle_config categories ;;
	--public) _cercle_config publics ;;
	--source) _cercle_config sources ;;
	--status|STATUS)
		# model.c's need statuses (the only --status taking a word).
		printf '%s\n' reported qualified prioritised in-switch \
		    addressed merged archived ;;
	ROLE|--role)
		printf '%s\n' member facilitator admin correspondent sage \
		    observer ;;
	NEED_ID|INTO_ID|--need)
		"$bin" "${db[@]}" need list --limit 200 --json 2>/dev/null |
		    _cercle_json id ;;
	TENSION_ID)
		"$bin" "${db[@]}" agenda --json 2>/dev/null | _cercle_json id ;;
	PROPOSAL_ID|--proposal)
		"$bin" "${db[@]}" proposal list --json 2>/dev/null |
		    _cercle_json id ;;
	MEETING_ID)
		"$bin" "${db[@]}" meeting list --json 2>/dev/null |
		    _cercle_json id ;;
	DECISION_ID)
		"$bin" "${db[@]}" decision list --json 2>/dev/null |
		    _cercle_json id ;;
	ID)
		case $group in
		need|tension|proposal|meeting|decision|action)
			_cercle_values "$(echo "$group" | tr a-z A-Z)_ID" ;;
		esac ;;
	ACTION_ID)
		"$bin" "${db[@]}" action list --json 2>/dev/null |
		    _cercle_json id ;;
	*'|'*)
		# Alternatives: approve|alert|withdraw|block.
		echo "$what" | tr '|' '\n' | grep -v '^-\|[A-Z]' ;;
	esac
}

# _cercle_reply < <(...): COMPREPLY from the candidates on stdin (one a
# line, spaces allowed) that start with $cur, quoted for the command line
# (not through a pipe: its last command runs in a subshell).
_cercle_reply()
{
	local v
	COMPREPLY=()
	while IFS= read -r v; do
		[ -n "$v" ] && [[ $v == "$cur"* ]] || continue
		COMPREPLY+=("$(printf '%q' "$v")")
	done
}

_cercle()
{
	local cur prev words cword
	_init_completion 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	}
	local bin=${words[0]} db=() i cmd=() args=() w
	# Global options, the command words, then its arguments so far.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		--db) [ ${#cmd[@]} -eq 0 ] && { db=(--db "${words[i+1]}"); ((i++)); } ;;
		--db=*) db=(--db "${w#--db=}") ;;
		--lang) [ ${#cmd[@]} -eq 0 ] && ((i++)) ;;
		-*) [ ${#cmd[@]} -gt 0 ] && break ;;
		*) cmd+=("$w") ;;
		esac
	done
	case $prev in
	--db) compopt -o dirnames 2>/dev/null; COMPREPLY=(); return ;;
	--to|--file) compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [ ${#cmd[@]} -eq 0 ] && [ "$prev" = --lang ]; then
		COMPREPLY=($(compgen -W "fr en" -- "$cur")); return
	fi
	if [[ $cur == -* ]]; then
		if [ ${#cmd[@]} -eq 0 ]; then
			COMPREPLY=($(compgen -W "--db --lang --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$bin" help --options "${cmd[@]}" \
			    2>/dev/null)" -- "$cur"))
		fi
		return
	fi
	# The next word of a command name, among the names that start with
	# the words typed so far.
	local typed="${cmd[*]}" names next n rest
	names=$("$bin" help --commands 2>/dev/null)
	next=$(while IFS= read -r n; do
		if [ -z "$typed" ]; then
			echo "${n%% *}"
		elif [[ "$n " == "$typed "* ]]; then
			rest=${n#"$typed"}; rest=${rest# }
			[ -n "$rest" ] && echo "${rest%% *}"
		fi
	done <<<"$names" | sort -u)
	if [ -n "$next" ]; then
		COMPREPLY=($(compgen -W "$next" -- "$cur"))
		return
	fi
	# The command is whole: the rest comes from its usage line.
	local name="" words_n=0 usage
	while IFS= read -r n; do
		case "$typed " in "$n "*)
			[ ${#n} -gt ${#name} ] && name=$n ;;
		esac
	done <<<"$names"
	[ -n "$name" ] || return
	set -- $name
	words_n=$#
	usage=$("$bin" --lang en $name --help 2>/dev/null | head -1)
	usage=${usage#usage: cercle $name}
	local valued
	valued=" $(echo "$usage" | tr -d '[]' | tr ' ' '\n' |
	    awk 'prev ~ /^--/ && $0 !~ /^-/ { printf "%s ", prev } { prev = $0 }')"
	# An option's value: "--sort newest|support|territories", "--as LOGIN".
	if [[ $prev == --* && $valued == *" $prev "* ]]; then
		local spec
		spec=$(echo "$usage" | tr -d '[]' | tr ' ' '\n' |
		    awk -v o="$prev" 'p { print; exit } $0 == o { p = 1 }')
		case $spec in
		*'|'*) _cercle_reply < <(_cercle_values "$spec") ;;
		*) _cercle_reply < <(_cercle_values "$prev") ;;
		esac
		return
	fi
	# A positional argument: the Nth placeholder of the usage line, the
	# options and their values left out (an option takes a value when the
	# usage line gives it one: "--reason R", not "--json").
	local pos=0 skip=0 seen=0
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if [ $skip -gt 0 ]; then skip=$((skip - 1)); continue; fi
		if [ $seen -eq 0 ]; then
			case $w in
			--db|--lang) skip=1; continue ;;
			-*) continue ;;
			esac
			seen=1; skip=$((words_n - 1)); continue
		fi
		case $w in
		--*) [[ $valued == *" $w "* ]] && skip=1; continue ;;
		esac
		pos=$((pos + 1))
	done
	local ph
	# Placeholders: no [optional part], no "|--option" alternative, no
	# "--option VALUE"; a last "LOGIN..." takes every further argument.
	local phs
	phs=$(echo "$usage" | sed 's/\[[^]]*\]//g; s/|--[a-z-]*//g;
	    s/--[a-z-]* [^ ]*//g' | tr ' ' '\n' | grep -v '^$')
	ph=$(echo "$phs" | sed -n "$((pos + 1))p")
	[ -z "$ph" ] && ph=$(echo "$phs" | tail -1 | grep '\.\.\.$')
	ph=${ph%...}
	[ -n "$ph" ] && _cercle_reply < <(_cercle_values "$ph" "${cmd[0]}")
}
complete -F _cercle cercle
