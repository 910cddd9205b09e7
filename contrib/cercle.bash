# bash completion for cercle: commands and their options come from the
# binary's own tables (`cercle help --commands`, `cercle help --options`),
# logins and ids from the database named by --db (or $CERCLE_DB).
_cercle()
{
	local cur prev words cword
	_init_completion 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	}
	local bin=${words[0]} db=() i cmd=() w
	# Global options, then the command words typed so far.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		--db) db=(--db "${words[i+1]}"); ((i++)) ;;
		--db=*) db=(--db "${w#--db=}") ;;
		--lang) ((i++)) ;;
		-*) [ ${#cmd[@]} -gt 0 ] && break ;;
		*) cmd+=("$w") ;;
		esac
	done
	case $prev in
	--db) compopt -o dirnames 2>/dev/null; COMPREPLY=(); return ;;
	--lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return ;;
	--as|--owner|--member)
		COMPREPLY=($(compgen -W "$("$bin" "${db[@]}" member list 2>/dev/null |
		    awk '{print $1}')" -- "$cur"))
		return ;;
	--to|--file) compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
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
	local typed="${cmd[*]}" names next
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
	# Arguments: logins for member commands, ids for the others.
	case "$typed" in
	"member "*)
		COMPREPLY=($(compgen -W "$("$bin" "${db[@]}" member list 2>/dev/null |
		    awk '{print $1}')" -- "$cur")) ;;
	"need "*|"export"*)
		COMPREPLY=($(compgen -W "$("$bin" "${db[@]}" need list --limit 100 \
		    2>/dev/null | awk '{print $1}')" -- "$cur")) ;;
	"tension "*|"agenda "*|"meeting next"*)
		COMPREPLY=($(compgen -W "$("$bin" "${db[@]}" agenda 2>/dev/null |
		    sed -n 's/^ *[0-9]*\. *#\([0-9]*\).*/\1/p')" -- "$cur")) ;;
	"proposal "*|"position"*)
		COMPREPLY=($(compgen -W "$("$bin" "${db[@]}" proposal list 2>/dev/null |
		    sed -n 's/^#\([0-9]*\).*/\1/p')" -- "$cur")) ;;
	"minutes"*|"meeting "*)
		COMPREPLY=($(compgen -W "$("$bin" "${db[@]}" meeting list 2>/dev/null |
		    sed -n 's/^#\([0-9]*\).*/\1/p')" -- "$cur")) ;;
	esac
}
complete -F _cercle cercle
